using System.Buffers;
using System.Net;
using System.Text;
using Gateway.Protocols.Sniff;

namespace Gateway.Tests.Unit.Sniff;

public class HttpRequestHeadTests
{
    private sealed record Admin(string Scheme, int? Port) : IAdminAddress;

    private static readonly IPEndPoint Local = new(IPAddress.Parse("::ffff:10.0.0.5"), 7000);

    private static string Reply(string request, IAdminAddress? admin = null)
    {
        var head = HttpRequestHead.Parse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(request)), completed: true);
        Assert.NotNull(head);
        var output = new ArrayBufferWriter<byte>();
        HttpRedirect.Write(head.Value, Local, admin ?? new Admin("http", 8080), output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData("GET /health/live HTTP/1.1\r\nHost: localhost:7000\r\n\r\n", "http://localhost:8080/health/live")]
    [InlineData("GET /a?b=c HTTP/1.1\r\nhost: example.com\r\nAccept: */*\r\n\r\n", "http://example.com:8080/a?b=c")]
    [InlineData("GET / HTTP/1.1\r\nHost: [::1]:7000\r\n\r\n", "http://[::1]:8080/")]
    [InlineData("GET http://other.example/x HTTP/1.1\r\nHost: example.com\r\n\r\n", "http://example.com:8080/x")]
    [InlineData("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "http://127.0.0.1:8080/")]
    [InlineData("GET /swagger HTTP/1.0\r\n\r\n", "http://10.0.0.5:8080/swagger")]
    public void Redirects_to_the_same_path_on_the_admin_port_at_the_host_asked_for(string request, string location)
    {
        Assert.Equal($"HTTP/1.1 308 Permanent Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", Reply(request));
    }

    [Fact]
    public void Uses_the_admin_scheme()
    {
        Assert.Contains("Location: https://localhost:8443/\r\n", Reply("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", new Admin("https", 8443)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /x HTTP/1.1\r\nHost: example.com\r\nLocation: x\r\n\r\n", false)]
    [InlineData("GET /x\r\nSet-Cookie: a HTTP/1.1\r\n\r\n", true)]
    [InlineData("GET /x HTTP/1.1\r\nHost: a b\r\n\r\n", true)]
    [InlineData("GET x HTTP/1.1\r\n\r\n", true)]
    [InlineData("GET /x SPDY/3\r\n\r\n", true)]
    [InlineData("GET /\u00e9 HTTP/1.1\r\n\r\n", true)]
    public void Refuses_what_would_put_client_text_into_the_reply_and_adds_nothing_of_the_request(string request, bool bad)
    {
        var reply = Reply(request);
        Assert.Equal(bad, reply.StartsWith("HTTP/1.1 400 Bad Request\r\n", StringComparison.Ordinal));
        Assert.Equal(bad ? 4 : 5, reply.Split("\r\n").Length - 1);
    }

    [Fact]
    public void Waits_for_the_blank_line_within_its_bound()
    {
        var head = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray();
        for (var length = 0; length < head.Length; length++)
        {
            Assert.Null(HttpRequestHead.Parse(new ReadOnlySequence<byte>(head, 0, length), completed: false));
        }

        for (var at = 0; at <= head.Length; at++)
        {
            Assert.Equal(new HttpRequestHead("localhost", "/"), HttpRequestHead.Parse(SplitSequence.At(head, at), completed: false));
        }

        var endless = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX: " + new string('a', HttpRequestHead.MaxSize));
        Assert.False(HttpRequestHead.Parse(new ReadOnlySequence<byte>(endless), completed: false)!.Value.IsValid);
        Assert.False(HttpRequestHead.Parse(new ReadOnlySequence<byte>(head, 0, 10), completed: true)!.Value.IsValid);
        Assert.False(HttpRequestHead.Parse(new ReadOnlySequence<byte>("GET greeting\n"u8.ToArray()), completed: false)!.Value.IsValid);
    }

    [Fact]
    public void Says_unavailable_until_the_admin_api_is_bound()
    {
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", Reply("GET / HTTP/1.1\r\n\r\n", new Admin("http", null)), StringComparison.Ordinal);
    }
}
