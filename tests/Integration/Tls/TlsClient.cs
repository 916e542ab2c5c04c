using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gateway.Tests.Integration.Tls;

/// <summary>A line client over TLS (the platform's <see cref="SslStream"/>) that accepts a self-signed server certificate and keeps it.</summary>
public sealed class TlsClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly SslStream _ssl;
    private readonly StreamReader _reader;

    private TlsClient(TcpClient tcp, SslStream ssl)
    {
        _tcp = tcp;
        _ssl = ssl;
        _reader = new StreamReader(ssl, Encoding.UTF8);
    }

    public X509Certificate2 ServerCertificate => (X509Certificate2)_ssl.RemoteCertificate!;

    public SslProtocols Protocol => _ssl.SslProtocol;

    /// <summary>The application protocol (ALPN) the handshake agreed on; empty when none.</summary>
    public string ApplicationProtocol => _ssl.NegotiatedApplicationProtocol.ToString();

    /// <exception cref="AuthenticationException">The handshake failed.</exception>
    public static async Task<TlsClient> ConnectAsync(int port, SslProtocols protocols = SslProtocols.None, string serverName = "localhost", X509Certificate2? clientCertificate = null, string[]? applicationProtocols = null)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                EnabledSslProtocols = protocols,
                ApplicationProtocols = applicationProtocols?.Select(p => new SslApplicationProtocol(p)).ToList(),
                // The tests' certificates are self-signed and compared by fingerprint instead.
                RemoteCertificateValidationCallback = (_, _, _, errors) => (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch)) == SslPolicyErrors.None,
            }).WaitAsync(Timeout);
        }
        catch
        {
            await ssl.DisposeAsync();
            tcp.Dispose();
            throw;
        }

        return new TlsClient(tcp, ssl);
    }

    public async Task SendAsync(string text)
    {
        await _ssl.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask().WaitAsync(Timeout);
        await _ssl.FlushAsync().WaitAsync(Timeout);
    }

    public async Task<string?> ReadLineAsync() => await _reader.ReadLineAsync().WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        await _ssl.DisposeAsync();
        _tcp.Dispose();
    }
}
