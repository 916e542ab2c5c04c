namespace Gateway.Protocols.Sniff;

/// <summary>Where the admin HTTP API listens, as the host knows it once bound: sniff sends HTTP clients there.</summary>
public interface IAdminAddress
{
    /// <summary><c>http</c>, or <c>https</c> when the admin API serves TLS.</summary>
    string Scheme { get; }

    /// <summary>The bound port; null until the admin API is bound.</summary>
    int? Port { get; }
}
