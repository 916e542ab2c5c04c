using System.Globalization;

namespace Gateway.LoadGenerator;

/// <summary>
/// Command-line options: <c>--scenario echo --connections 50 --pipeline 1 --size 64 --duration 10</c>;
/// <c>udp-echo</c> sends windows of <c>--pipeline</c> datagrams per client socket; <c>--server-pid</c> for the idle scenario, which reads the server's memory; <c>--burst 20000</c> turns the chat
/// scenario into one talker sending that many lines unpaced to the other clients.
/// </summary>
public sealed record LoadOptions(string Scenario, string Host, int Port, int Connections, int Pipeline, int Size, TimeSpan Duration, string? AdminKey, int? ServerPid, int Burst)
{
    public static readonly string[] Scenarios = ["echo", "kv", "resp", "binary", "frames", "chat", "idle", "http-health", "http-user", "udp-echo"];

    private static readonly Dictionary<string, int> DefaultPorts = new()
    {
        ["echo"] = 7001,
        ["kv"] = 7003,
        ["resp"] = 7379,
        ["binary"] = 7004,
        ["frames"] = 7005,
        ["chat"] = 7002,
        ["idle"] = 7001,
        ["http-health"] = 8080,
        ["http-user"] = 8080,
        ["udp-echo"] = 7011,
    };

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var scenario = values.GetValueOrDefault("scenario", "echo");
        if (!Scenarios.Contains(scenario))
        {
            throw new ArgumentException($"--scenario must be one of {string.Join(", ", Scenarios)}.");
        }

        int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new LoadOptions(
            scenario,
            values.GetValueOrDefault("host", "127.0.0.1"),
            Number("port", DefaultPorts[scenario]),
            Number("connections", 50),
            Number("pipeline", 1),
            Number("size", 64),
            TimeSpan.FromSeconds(Number("duration", 10)),
            values.GetValueOrDefault("admin-key"),
            values.TryGetValue("server-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Number("burst", 0));
    }
}
