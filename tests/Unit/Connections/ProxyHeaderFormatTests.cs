using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Protocols.Connections;

namespace Gateway.Tests.Unit.Connections;

public class ProxyHeaderFormatTests
{
    private static (ProxyHeaderStatus Status, int Length, IPEndPoint? Source, int Written) RoundTrip(ProxyHeaderVersion version, EndPoint? source, EndPoint? destination)
    {
        var header = new byte[ProxyHeader.MaxFormattedLength];
        var written = ProxyHeader.Format(version, source, destination, header);
        var status = ProxyHeader.Parse(new ReadOnlySequence<byte>(header, 0, written), out var length, out var parsed);
        return (status, length, parsed, written);
    }

    [Theory]
    [InlineData(ProxyHeaderVersion.V1, "203.0.113.7", 50000, "10.0.0.1", 7001)]
    [InlineData(ProxyHeaderVersion.V2, "203.0.113.7", 50000, "10.0.0.1", 7001)]
    [InlineData(ProxyHeaderVersion.V1, "2001:db8::7", 50001, "2001:db8::1", 443)]
    [InlineData(ProxyHeaderVersion.V2, "2001:db8::7", 50001, "2001:db8::1", 443)]
    public void Written_header_parses_back_to_the_client(ProxyHeaderVersion version, string client, int clientPort, string server, int serverPort)
    {
        var (status, length, source, written) = RoundTrip(version, new IPEndPoint(IPAddress.Parse(client), clientPort), new IPEndPoint(IPAddress.Parse(server), serverPort));

        Assert.Equal(ProxyHeaderStatus.Parsed, status);
        Assert.Equal(written, length);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(client), clientPort), source);
    }

    [Fact]
    public void V1_is_the_text_haproxy_writes()
    {
        var header = new byte[ProxyHeader.MaxFormattedLength];
        var written = ProxyHeader.Format(ProxyHeaderVersion.V1, new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 1234), new IPEndPoint(IPAddress.Parse("192.0.2.2"), 80), header);

        Assert.Equal("PROXY TCP4 192.0.2.1 192.0.2.2 1234 80\r\n", Encoding.ASCII.GetString(header, 0, written));
    }

    [Theory]
    [InlineData(ProxyHeaderVersion.V1)]
    [InlineData(ProxyHeaderVersion.V2)]
    public void Unix_socket_client_is_sent_as_unknown(ProxyHeaderVersion version)
    {
        var (status, _, source, _) = RoundTrip(version, new UnixDomainSocketEndPoint("/tmp/x.sock"), new UnixDomainSocketEndPoint("/tmp/y.sock"));

        Assert.Equal(ProxyHeaderStatus.Parsed, status);
        Assert.Null(source);
    }
}
