namespace Gateway.Admin;

/// <summary>The <c>Admin</c> configuration section: where the HTTP admin API listens.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary><c>*</c> for every interface, <c>localhost</c> for loopback, or an IP address.</summary>
    public string Address { get; set; } = "*";

    public int Port { get; set; } = 8080;

    /// <summary>Bearer keys accepted on <c>/api</c>; when empty, one is generated at first start and kept in the data directory.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Browser origins allowed to call the admin API (CORS).</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Requests each client IP may make per <see cref="RateLimitWindow"/>.</summary>
    public int RateLimitPermits { get; set; } = 100;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Serve the admin API (Swagger included) over HTTPS, with the same keys as a listener's <c>Tls</c> section; unset: HTTP.</summary>
    public Gateway.Protocols.Connections.TlsOptions? Tls { get; set; }

    /// <summary>Whether <c>/metrics</c> needs the admin key too.</summary>
    public bool MetricsRequireKey { get; set; }
}
