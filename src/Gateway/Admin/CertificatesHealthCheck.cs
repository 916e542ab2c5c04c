using System.Security.Cryptography.X509Certificates;
using Gateway.Protocols.Connections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Admin;

/// <summary>Degraded when a TLS listener's certificate (default or by server name) expires within <see cref="Warning"/>, or has expired.</summary>
public sealed class CertificatesHealthCheck(ConnectionRegistry registry, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Warning = TimeSpan.FromDays(7);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>();
        var expiring = new List<string>();
        foreach (var (listener, name, certificate) in Certificates(registry))
        {
            var key = name is null ? listener.Name : $"{listener.Name} ({name})";
            var left = certificate.NotAfter.ToUniversalTime() - now.UtcDateTime;
            data[key] = $"{certificate.Subject} expires {certificate.NotAfter.ToUniversalTime():u}";
            if (left < Warning)
            {
                expiring.Add(left <= TimeSpan.Zero ? $"{key} has expired" : $"{key} expires in {left.TotalDays:0.#} days");
            }
        }

        return Task.FromResult(expiring.Count == 0
            ? HealthCheckResult.Healthy("No TLS certificate expires within 7 days.", data)
            : HealthCheckResult.Degraded($"TLS certificates to renew: {string.Join("; ", expiring)}.", data: data));
    }

    /// <summary>Every certificate a TLS listener presents: its default (name null) and those by server name.</summary>
    public static IEnumerable<(Listener Listener, string? Name, X509Certificate2 Certificate)> Certificates(ConnectionRegistry registry) =>
        registry.Listeners
            .Where(l => l.Settings.Tls is not null)
            .SelectMany(l => l.Settings.Tls!.Certificates
                .Select(c => (l, (string?)c.Key, c.Value))
                .Prepend((l, null, l.Settings.Tls.Certificate)));
}
