using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Proxy;

/// <summary>One backend of a pool: <c>Gateway:Pools:&lt;pool&gt;:Backends:&lt;id&gt;</c>, or the body of <c>PUT /api/pools/{pool}/backends/{id}</c>.</summary>
public sealed class BackendOptions
{
    public const int MaxWeight = 1000;

    /// <summary><c>host:port</c>, <c>[IPv6]:port</c>, or a unix socket path (<c>unix:/run/app.sock</c> or <c>/run/app.sock</c>).</summary>
    public string Address { get; set; } = "";

    /// <summary>Its share of new connections relative to the other backends (1 to 1000).</summary>
    public int Weight { get; set; } = 1;

    /// <summary>Connections it may hold at once; unset: no limit.</summary>
    public int? MaxConnections { get; set; }

    public IEnumerable<SettingsProblem> Validate(string key)
    {
        if (!BackendAddress.TryParse(Address, out _))
        {
            yield return new SettingsProblem($"{key}Address", $"'{Address}' is not host:port, [IPv6]:port or a unix socket path.");
        }

        if (Weight is < 1 or > MaxWeight)
        {
            yield return new SettingsProblem($"{key}Weight", $"must be between 1 and {MaxWeight}.");
        }

        if (MaxConnections is < 1)
        {
            yield return new SettingsProblem($"{key}MaxConnections", "must be at least 1 (unset: no limit).");
        }
    }
}
