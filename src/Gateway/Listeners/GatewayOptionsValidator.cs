using System.Net;
using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>Checks every listener entry at start, so a bad configuration stops the server with all its mistakes listed.</summary>
public sealed class GatewayOptionsValidator(ProtocolCatalog protocols) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add("Gateway:ShutdownTimeout must not be negative.");
        }

        foreach (var (listenerName, listener) in options.Listeners)
        {
            var key = $"Gateway:Listeners:{listenerName}";
            if (!protocols.TryGet(listener.Protocol, out _))
            {
                failures.Add($"{key}:Protocol '{listener.Protocol}' is not a known protocol ({string.Join(", ", protocols.Names)}).");
            }

            if (listener.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
            {
                failures.Add($"{key}:Port {listener.Port} is not between 0 and 65535.");
            }

            if (!BindAddress.IsValid(listener.Address))
            {
                failures.Add($"{key}:Address '{listener.Address}' is not '*', 'localhost' or an IP address.");
            }

            if (listener.MaxConnections < 1)
            {
                failures.Add($"{key}:MaxConnections must be at least 1.");
            }

            if (listener.IdleTimeout < TimeSpan.Zero)
            {
                failures.Add($"{key}:IdleTimeout must not be negative (zero turns it off).");
            }

            if (listener.MessageTimeout < TimeSpan.Zero)
            {
                failures.Add($"{key}:MessageTimeout must not be negative (zero turns it off).");
            }

            if (!(listener.MinDataRate >= 0) || double.IsInfinity(listener.MinDataRate))
            {
                failures.Add($"{key}:MinDataRate must be a number of bytes per second, at least 0 (zero turns it off).");
            }

            if (listener.MinDataRate > 0 && listener.MinDataRateGracePeriod < ConnectionMonitor.Interval)
            {
                failures.Add($"{key}:MinDataRateGracePeriod must be at least {ConnectionMonitor.Interval} (how often rates are checked).");
            }

            if (listener.MaxMessageSize is < 1)
            {
                failures.Add($"{key}:MaxMessageSize must be at least 1.");
            }

            if (listener.HeartbeatInterval < TimeSpan.Zero)
            {
                failures.Add($"{key}:HeartbeatInterval must not be negative (zero turns heartbeats off).");
            }

            failures.AddRange(listener.OutputLimits.Validate($"{key}:OutputLimits"));
        }

        var sharedPorts = options.Listeners
            .Where(l => l.Value.Enabled && l.Value.Port != 0)
            .GroupBy(l => l.Value.Port)
            .Where(g => g.Count() > 1);
        foreach (var group in sharedPorts)
        {
            failures.Add($"Listeners {string.Join(", ", group.Select(l => $"'{l.Key}'"))} all use port {group.Key}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
