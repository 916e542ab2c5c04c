using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Proxy;

/// <summary>The <c>proxy</c> protocol's relay between real clients and real backends.</summary>
public class RelayTests
{
    [Fact]
    public async Task Bytes_go_to_the_backend_and_its_reply_comes_back()
    {
        await using var backend = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend));
        await using var client = await gateway.ConnectAsync("front");

        await client.SendAsync("hello\n");
        Assert.Equal("hello\n", await client.ReadLineAsync());
        await client.SendAsync("no line end, still relayed");
        Assert.Equal("no line end, still relayed", Encoding.UTF8.GetString(await client.ReadBytesAsync(26)));
    }

    [Fact]
    public async Task Client_FIN_reaches_the_backend_and_its_reply_still_flows()
    {
        // The backend answers only once it has seen the end of the request: without the half-close passed on, it never does.
        await using var backend = TestBackend.Start(async socket =>
        {
            var request = new List<byte>();
            var buffer = new byte[1024];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                request.AddRange(buffer.AsSpan(0, read));
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes($"got {request.Count} bytes: {Encoding.UTF8.GetString([.. request])}"), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
        });
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend));
        await using var client = await gateway.ConnectAsync("front");

        await client.SendAsync("the whole request");
        client.ShutdownSend();

        Assert.Equal("got 17 bytes: the whole request", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task A_hundred_megabytes_arrive_intact_both_ways()
    {
        const int size = 100 * 1024 * 1024;
        await using var backend = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, gateway.PortOf("front"));

        var data = new byte[size];
        new Random(13).NextBytes(data);
        var sending = Task.Run(async () =>
        {
            for (var offset = 0; offset < size; offset += 256 * 1024)
            {
                await socket.SendAsync(data.AsMemory(offset, Math.Min(256 * 1024, size - offset)), SocketFlags.None);
            }

            socket.Shutdown(SocketShutdown.Send);
        });
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        long received = 0;
        int read;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            received += read;
        }

        await sending;
        Assert.Equal(size, received);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(hash.GetHashAndReset()));
    }

    [Fact]
    public async Task Client_reset_closes_the_backend_connection()
    {
        var backendSawEnd = new TaskCompletionSource();
        await using var backend = TestBackend.Start(async socket =>
        {
            var buffer = new byte[16];
            try
            {
                while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
                {
                }
            }
            finally
            {
                backendSawEnd.TrySetResult();
            }
        });
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, gateway.PortOf("front"));
        await socket.SendAsync("x"u8.ToArray(), SocketFlags.None);
        await Eventually.TrueAsync(() => backend.Accepted == 1, "the backend is connected");

        socket.LingerState = new LingerOption(true, 0);
        socket.Close();

        await backendSawEnd.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Live_connection_names_its_backend()
    {
        await using var backend = TestBackend.Echo();
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend));
        await using var client = await gateway.ConnectAsync("front");
        await client.SendAsync("hi\n");
        await client.ReadLineAsync();

        var connection = (await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/connections?listener=front")).EnumerateArray().Single();
        Assert.Equal("p/b0", connection.GetProperty("tags").GetProperty("backend").GetString());
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V2")]
    public async Task SendProxy_tells_the_backend_the_real_client(string version)
    {
        await using var backend = TestBackend.Start(async socket =>
        {
            var buffer = new byte[256];
            var read = 0;
            int length;
            System.Net.IPEndPoint? source;
            while (Gateway.Protocols.Connections.ProxyHeader.Parse(new System.Buffers.ReadOnlySequence<byte>(buffer, 0, read), out length, out source) != Gateway.Protocols.Connections.ProxyHeaderStatus.Parsed
                || read < length + 2)
            {
                read += await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes($"{source} then '{Encoding.UTF8.GetString(buffer, length, read - length)}'\n"), SocketFlags.None);
        });
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend).With("Gateway:Listeners:front:SendProxy", version));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, gateway.PortOf("front"));
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync("hi"u8.ToArray());

        using var reader = new StreamReader(stream);
        Assert.Equal($"{socket.LocalEndPoint} then 'hi'", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Backend_on_a_unix_socket_is_reached_by_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gw-proxy-{Guid.NewGuid():N}.sock");
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(("echo", $"unix:{path}"))
            .With("Gateway:Listeners:echo:Protocol", "echo")
            .With("Gateway:Listeners:echo:Unix", path)
            .With("Gateway:Listeners:echo:Port", ""));
        await using var client = await gateway.ConnectAsync("front");

        await client.SendAsync("through a unix socket\n");

        Assert.Equal("through a unix socket\n", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Idle_timeout_counts_traffic_in_either_direction()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var accepted = new TaskCompletionSource<Socket>();
        await using var backend = TestBackend.Start(async socket =>
        {
            accepted.SetResult(socket);
            await socket.ReceiveAsync(new byte[16], SocketFlags.None);
        });
        await using var gateway = await GatewayInstance.StartAsync(ProxyGateway.Settings(backend).With("Gateway:Listeners:front:IdleTimeout", "00:00:10"), time: time);
        await using var client = await gateway.ConnectAsync("front");
        var server = await accepted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The client says nothing for 18 s, but the backend streams to it: not idle.
        for (var i = 0; i < 3; i++)
        {
            await server.SendAsync(Encoding.UTF8.GetBytes($"push {i}\n"), SocketFlags.None);
            Assert.Equal($"push {i}\n", await client.ReadLineAsync());
            time.Advance(TimeSpan.FromSeconds(6));
        }

        await server.SendAsync("still open\n"u8.ToArray(), SocketFlags.None);
        Assert.Equal("still open\n", await client.ReadLineAsync());
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("", await client.ReadToEndAsync());
    }
}
