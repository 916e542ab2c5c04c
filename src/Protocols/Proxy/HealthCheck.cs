using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Protocols.Proxy;

/// <summary>One active check of one backend: connect, and when the pool says so, send a probe and compare the reply's start.</summary>
internal static class HealthCheck
{
    public static async Task<HealthCheckResult> RunAsync(Backend backend, HealthCheckOptions options, TimeProvider time, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        using var socket = BackendSocket.Create(backend.EndPoint);
        try
        {
            await socket.ConnectAsync(backend.EndPoint, cancel.Token);
            if (options.Send is null && options.Expect is null)
            {
                return new HealthCheckResult(time.GetUtcNow(), true, "connected");
            }

            if (options.Send is { } probe)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(probe), SocketFlags.None, cancel.Token);
            }

            return await ExpectAsync(socket, options.Expect, time, cancel.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new HealthCheckResult(time.GetUtcNow(), false, $"no answer within {options.Timeout}");
        }
        catch (SocketException failure)
        {
            return new HealthCheckResult(time.GetUtcNow(), false, failure.SocketErrorCode.ToString());
        }
    }

    private static async Task<HealthCheckResult> ExpectAsync(Socket socket, string? expect, TimeProvider time, CancellationToken cancel)
    {
        var expected = Encoding.UTF8.GetBytes(expect ?? "");
        var reply = ArrayPool<byte>.Shared.Rent(Math.Max(expected.Length, 256));
        try
        {
            var received = 0;
            do
            {
                var read = await socket.ReceiveAsync(reply.AsMemory(received), SocketFlags.None, cancel);
                if (read == 0)
                {
                    return new HealthCheckResult(time.GetUtcNow(), false, "closed before the expected reply");
                }

                received += read;
            }
            while (received < expected.Length && expected.AsSpan(0, received).SequenceEqual(reply.AsSpan(0, received)));

            return expected.AsSpan().SequenceEqual(reply.AsSpan(0, expected.Length))
                ? new HealthCheckResult(time.GetUtcNow(), true, "expected reply")
                : new HealthCheckResult(time.GetUtcNow(), false, $"unexpected reply '{Encoding.UTF8.GetString(reply, 0, Math.Min(received, 64)).Trim()}'");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reply);
        }
    }
}
