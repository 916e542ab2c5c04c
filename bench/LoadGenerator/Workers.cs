using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Gateway.LoadGenerator;

/// <summary>The loops that generate load: one per connection, each sending a pipeline of requests and reading the replies.</summary>
public static class Workers
{
    public static async Task SocketAsync(LoadOptions options, int index, Recorder recorder, CancellationToken stop)
    {
        var exchange = Exchange.For(options.Scenario, options.Size, index);
        var batch = Enumerable.Repeat(exchange.Request, options.Pipeline).SelectMany(b => b).ToArray();
        var reply = new byte[exchange.ReplyLength * options.Pipeline];
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(options.Host, options.Port, stop);
        if (options.Scenario == "kv")
        {
            await DrainBannerAsync(socket, stop);
        }

        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await socket.SendAsync(batch, SocketFlags.None, stop);
                var read = 0;
                while (read < reply.Length)
                {
                    var got = await socket.ReceiveAsync(reply.AsMemory(read), SocketFlags.None, stop);
                    if (got == 0)
                    {
                        recorder.Failed();
                        return;
                    }

                    read += got;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                recorder.Failed();
                return;
            }

            recorder.Completed(options.Pipeline, batch.Length + reply.Length, Stopwatch.GetElapsedTime(started));
        }
    }

    public static async Task HttpAsync(LoadOptions options, HttpClient client, Recorder recorder, CancellationToken stop)
    {
        var path = options.Scenario == "http-health" ? "/api/health" : "/api/users/1";
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path, stop);
                var body = await response.Content.ReadAsByteArrayAsync(stop);
                if (!response.IsSuccessStatusCode)
                {
                    recorder.Failed();
                    continue;
                }

                recorder.Completed(1, body.Length, Stopwatch.GetElapsedTime(started));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                recorder.Failed();
            }
        }
    }

    public static HttpClient CreateHttpClient(LoadOptions options)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections })
        {
            BaseAddress = new Uri($"http://{options.Host}:{options.Port}"),
        };
        if (options.AdminKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminKey);
        }

        return client;
    }

    /// <summary>The kv banner ends with a blank line.</summary>
    private static async Task DrainBannerAsync(Socket socket, CancellationToken stop)
    {
        var seen = new StringBuilder();
        var buffer = new byte[256];
        while (!seen.ToString().EndsWith("\n\n", StringComparison.Ordinal))
        {
            var got = await socket.ReceiveAsync(buffer, SocketFlags.None, stop);
            seen.Append(Encoding.ASCII.GetString(buffer, 0, got));
        }
    }
}
