using System.Security.Cryptography.X509Certificates;
using Gateway.Protocols.Connections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Admin;

/// <summary>Degraded when a certificate a TLS listener (default or by server name) or the admin API presents expires within <see cref="Warning"/>, or has expired.</summary>
public sealed class CertificatesHealthCheck(ConnectionRegistry registry, AdminEndpoint admin, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Warning = TimeSpan.FromDays(7);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>();
        var expiring = new List<string>();
        foreach (var (owner, _, name, certificate) in Certificates(registry, admin))
        {
            var key = name is null ? owner : $"{owner} ({name})";
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

    /// <summary>
    /// Every certificate presented: each TLS listener's default (name null) and those by server name, with the listener's
    /// name and protocol; then the admin API's, as <see cref="AdminOwner"/> over https.
    /// </summary>
    public static IEnumerable<(string Owner, string Protocol, string? Name, X509Certificate2 Certificate)> Certificates(ConnectionRegistry registry, AdminEndpoint admin)
    {
        foreach (var listener in registry.Listeners)
        {
            if (listener.Settings.Tls is not { } tls)
            {
                continue;
            }

            yield return (listener.Name, listener.Protocol.Name, null, tls.Certificate);
            foreach (var (name, certificate) in tls.Certificates)
            {
                yield return (listener.Name, listener.Protocol.Name, name, certificate);
            }
        }

        if (admin.Tls is { } adminTls)
        {
            yield return (AdminOwner, "https", null, adminTls.Certificate);
            foreach (var (name, certificate) in adminTls.Certificates)
            {
                yield return (AdminOwner, "https", name, certificate);
            }
        }
    }

    /// <summary>How the admin API is named among the listeners' certificates.</summary>
    public const string AdminOwner = "admin-api";
}
