using Gateway.Listeners.Tls;
using Gateway.Protocols.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// Loads the admin API's replaced certificate files (<c>Admin:Tls</c>) without a restart: new handshakes get the new
/// certificate, open connections keep going; files that cannot be loaded leave the old one in place, with one warning.
/// </summary>
public sealed partial class AdminCertificateWatch(
    IOptions<AdminOptions> admin,
    AdminEndpoint endpoint,
    ServerCertificates certificates,
    TimeProvider time,
    ILogger<AdminCertificateWatch> logger) : IHostedService, IDisposable
{
    private readonly Lock _reload = new();
    private CertificateFileWatch? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = CertificateFileWatch.Start(admin.Value.Tls, time, Reload);
        return Task.CompletedTask;
    }

    private void Reload()
    {
        lock (_reload)
        {
            var problems = new List<SettingsProblem>();
            if (certificates.Load(admin.Value.Tls, problems) is { } tls)
            {
                endpoint.Tls = tls;
                var fingerprint = Protocols.Connections.ListenerTls.FingerprintOf(tls.Certificate);
                Log.Replaced(logger, tls.Certificate.Subject, fingerprint);
            }
            else if (logger.IsEnabled(LogLevel.Warning))
            {
                Log.Rejected(logger, string.Join(" ", problems.Select(p => p.Describe(AdminOptions.Section))));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _watch?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "The admin API loaded its replaced certificate files: new handshakes get {Subject} (SHA-256 {Fingerprint})")]
        public static partial void Replaced(ILogger logger, string subject, string fingerprint);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The admin API keeps its certificate: the replaced files cannot be loaded. {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);
    }
}
