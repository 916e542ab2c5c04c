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

        if (options.MaxMessageSize is < 1 or > ListenerTransport.MaxMessageSize)
        {
            yield return new(nameof(options.MaxMessageSize), $"must be between 1 and {ListenerTransport.MaxMessageSize}.");
        }
    }
}
