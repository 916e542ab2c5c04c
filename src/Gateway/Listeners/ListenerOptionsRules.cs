using System.Net;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;

namespace Gateway.Listeners;

/// <summary>The checks every listener's shared options pass, at start, on a configuration reload and in the admin API.</summary>
public static class ListenerOptionsRules
{
    public static IEnumerable<SettingsProblem> Validate(ListenerOptions options)
    {
        if (options.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            yield return new(nameof(options.Port), $"{options.Port} is not between 0 and 65535.");
        }

        if (options.Unix is { } path && (path.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(path) > MaxUnixPathBytes))
        {
            yield return new(nameof(options.Unix), $"must be a path of 1 to {MaxUnixPathBytes} bytes.");
        }

        if (options.UnixFileMode is { } mode && !IsOctalMode(mode))
        {
            yield return new(nameof(options.UnixFileMode), $"'{mode}' is not an octal file mode such as 660.");
        }

        if (!BindAddress.IsValid(options.Address))
        {
            yield return new(nameof(options.Address), $"'{options.Address}' is not '*', 'localhost' or an IP address.");
        }

        if (options.MaxConnections < 1)
        {
            yield return new(nameof(options.MaxConnections), "must be at least 1.");
        }

        if (options.IdleTimeout < TimeSpan.Zero)
        {
            yield return new(nameof(options.IdleTimeout), "must not be negative (zero turns it off).");
        }

        if (options.MessageTimeout < TimeSpan.Zero)
        {
            yield return new(nameof(options.MessageTimeout), "must not be negative (zero turns it off).");
        }

        if (!(options.MinDataRate >= 0) || double.IsInfinity(options.MinDataRate))
        {
            yield return new(nameof(options.MinDataRate), "must be a number of bytes per second, at least 0 (zero turns it off).");
        }

        if (options.MinDataRate > 0 && options.MinDataRateGracePeriod < ConnectionMonitor.Interval)
        {
            yield return new(nameof(options.MinDataRateGracePeriod), $"must be at least {ConnectionMonitor.Interval} (how often rates are checked).");
        }

        if (options.WriteTimeout < TimeSpan.Zero)
        {
            yield return new(nameof(options.WriteTimeout), "must not be negative (zero turns it off).");
        }

        if (options.MaxMessageSize is < 1 or > ListenerTransport.MaxMessageSize)
        {
            yield return new(nameof(options.MaxMessageSize), $"must be between 1 and {ListenerTransport.MaxMessageSize}.");
        }

        foreach (var (key, value) in new[] { (nameof(options.ReceiveBufferSize), options.ReceiveBufferSize), (nameof(options.SendBufferSize), options.SendBufferSize) })
        {
            if (value is < 1024 or > MaxSocketBuffer)
            {
                yield return new(key, $"must be between 1024 and {MaxSocketBuffer} bytes.");
            }
        }

        if (options.MaxConnectionsPerIp is < 1)
        {
            yield return new(nameof(options.MaxConnectionsPerIp), "must be at least 1 (unset: no limit).");
        }

        foreach (var (key, networks) in new[] { (nameof(options.Allow), options.Allow), (nameof(options.Deny), options.Deny), (nameof(options.TrustedProxies), options.TrustedProxies) })
        {
            foreach (var network in networks.Where(n => !AddressFilter.TryParse(n, out _)))
            {
                yield return new(key, $"'{network}' is not a network in CIDR notation (10.0.0.0/8) or an IP address.");
            }
        }

        foreach (var (key, value) in new[] { (nameof(options.MaxReceiveRate), options.MaxReceiveRate), (nameof(options.MaxSendRate), options.MaxSendRate), (nameof(options.MaxTotalReceiveRate), options.MaxTotalReceiveRate), (nameof(options.MaxTotalSendRate), options.MaxTotalSendRate) })
        {
            if (value is < 1024)
            {
                yield return new(key, "must be at least 1024 bytes per second (unset: no limit).");
            }
        }

        if (options.ProxyProtocol != ProxyProtocolMode.Off && options.TrustedProxies.Length == 0)
        {
            yield return new(nameof(options.TrustedProxies), "must name the load balancers whose PROXY headers are believed (10.0.0.0/8, 127.0.0.1).");
        }

        if (options.ProxyProtocolTimeout <= TimeSpan.Zero)
        {
            yield return new(nameof(options.ProxyProtocolTimeout), "must be positive.");
        }

        if (options.Backlog is < 1 or > 65535)
        {
            yield return new(nameof(options.Backlog), "must be between 1 and 65535.");
        }

        if (options.Linger is < 0 or > 3600)
        {
            yield return new(nameof(options.Linger), "must be between 0 and 3600 seconds (unset turns it off).");
        }

        if (options.KeepAlive is { } keepAlive && (keepAlive.Idle < TimeSpan.FromSeconds(1) || keepAlive.Interval < TimeSpan.FromSeconds(1) || keepAlive.Count is < 1 or > 127))
        {
            yield return new(nameof(options.KeepAlive), "needs Idle and Interval of at least a second and a Count between 1 and 127.");
        }
    }

    /// <summary>The longest unix socket path Linux accepts (sun_path less its terminator).</summary>
    private const int MaxUnixPathBytes = 107;

    private const int MaxSocketBuffer = 64 * 1024 * 1024;

    private static bool IsOctalMode(string mode) => mode.Length is > 0 and <= 4 && mode.All(c => c is >= '0' and <= '7');
}
