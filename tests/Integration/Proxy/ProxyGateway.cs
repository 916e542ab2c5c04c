namespace Gateway.Tests.Integration.Proxy;

/// <summary>Configuration for a Gateway with a <c>proxy</c> listener named <c>front</c> in front of pool <c>p</c>.</summary>
public static class ProxyGateway
{
    public static Dictionary<string, string?> Settings(params TestBackend[] backends) =>
        Settings(backends.Select((b, i) => ($"b{i}", b.Address)).ToArray());

    public static Dictionary<string, string?> Settings(params (string Id, string Address)[] backends)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Listeners:front:Protocol"] = "proxy",
            ["Gateway:Listeners:front:Address"] = "127.0.0.1",
            ["Gateway:Listeners:front:Port"] = "0",
            ["Gateway:Listeners:front:Pool"] = "p",
            ["Gateway:Pools:p:RetryBackoff"] = "00:00:00",
        };
        foreach (var (id, address) in backends)
        {
            settings[$"Gateway:Pools:p:Backends:{id}:Address"] = address;
        }

        return settings;
    }

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string value)
    {
        settings[key] = value;
        return settings;
    }
}
