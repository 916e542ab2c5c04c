using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Gateway.Protocols.Connections;
using Microsoft.Extensions.Options;

namespace Gateway.Discovery;

/// <summary>
/// Sends the <see cref="Announcement"/> at start and then every <see cref="DiscoveryOptions.Interval"/> to the
/// multicast group (TTL 1: it stays on the local network) and/or the broadcast address. A network without a route
/// there costs a warning, logged once, never the host: sends are asynchronous and their failures are caught.
/// </summary>
public sealed class DiscoveryAnnouncer(IOptions<DiscoveryOptions> options, ConnectionRegistry registry, TimeProvider time, ILogger<DiscoveryAnnouncer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var discovery = options.Value;
        if (!discovery.Enabled)
        {
            return;
        }

        var targets = Targets(discovery);
        IReadOnlyList<IPEndPoint> addresses = [.. targets.Select(t => t.EndPoint)];
        DiscoveryLog.Announcing(logger, addresses, discovery.Interval);
        var datagram = new ArrayBufferWriter<byte>();
        using var timer = new PeriodicTimer(discovery.Interval, time);
        try
        {
            do
            {
                datagram.ResetWrittenCount();
                Announcement.Write(registry.Listeners, Environment.MachineName, datagram);
                foreach (var target in targets)
                {
                    await target.SendAsync(datagram.WrittenMemory, logger, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var target in targets)
            {
                target.Dispose();
            }
        }
    }

    private List<Target> Targets(DiscoveryOptions discovery)
    {
        var targets = new List<Target>();
        var group = discovery.MulticastGroup;
        if (group is not null)
        {
            var socket = new Socket(group.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var level = group.AddressFamily == AddressFamily.InterNetwork ? SocketOptionLevel.IP : SocketOptionLevel.IPv6;
            socket.SetSocketOption(level, SocketOptionName.MulticastTimeToLive, 1);
            socket.SetSocketOption(level, SocketOptionName.MulticastLoopback, true);
            try
            {
                if (discovery.Interface is { } address)
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Parse(address).GetAddressBytes());
                }

                targets.Add(new Target(socket, group));
            }
            catch (SocketException failure)
            {
                // Not through another interface than the one asked for.
                DiscoveryLog.CannotAnnounce(logger, group, $"interface {discovery.Interface}: {failure.Message}");
                socket.Dispose();
            }
        }

        if (discovery.Broadcast)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
            targets.Add(new Target(socket, new IPEndPoint(IPAddress.Broadcast, group?.Port ?? DiscoveryOptions.DefaultPort)));
        }

        return targets;
    }

    private sealed class Target(Socket socket, IPEndPoint endPoint) : IDisposable
    {
        private bool _failing;

        public IPEndPoint EndPoint => endPoint;

        public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, ILogger logger, CancellationToken stoppingToken)
        {
            try
            {
                await socket.SendToAsync(datagram, SocketFlags.None, endPoint, stoppingToken);
                if (_failing)
                {
                    _failing = false;
                    DiscoveryLog.AnnouncingAgain(logger, endPoint);
                }
            }
            catch (SocketException failure) when (!_failing)
            {
                _failing = true;
                DiscoveryLog.CannotAnnounce(logger, endPoint, failure.Message);
            }
            catch (SocketException)
            {
                // Logged when it started failing.
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
