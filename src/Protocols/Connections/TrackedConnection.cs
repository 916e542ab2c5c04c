using System.Collections.Concurrent;
using Gateway.Protocols.Framing;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Protocols.Connections;

/// <summary>
/// A live connection as the registry sees it. Its counters are written by the connection's own pipeline and read
/// by the admin API; <see cref="CloseRequested"/> tells the handler to stop when the server ends the connection.
/// </summary>
public sealed class TrackedConnection : IMessageMeter, IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _connectedTimestamp;
    private readonly CancellationTokenSource _closeRequested = new();
    private long _lastReceivedTimestamp;
    private long _lastActivityTimestamp;
    private long _writeBlockedTimestamp;
    private long _bytesIn;
    private long _bytesOut;
    private long _messagesIn;
    private long _messagesOut;
    private int _closeReason = -1;
    private volatile bool _sendingIsActivity;

    // When the message in progress started (0: none) and the bytes received before it: enough for the registry's
    // tick to enforce the message timeout and minimum data rate without a timer or an allocation per message.
    private long _messageStartedTimestamp;
    private long _bytesInBeforeMessage;
    private Transfer? _transfer;

    internal TrackedConnection(string id, Listener listener, System.Net.IPAddress? remoteAddress, string? remoteEndPoint, string? localEndPoint, TimeProvider time, IFeatureCollection features)
    {
        Features = features;
        Id = id;
        Listener = listener;
        Settings = listener.Settings;
        RemoteAddress = remoteAddress;
        RemoteEndPoint = remoteEndPoint;
        LocalEndPoint = localEndPoint;
        _time = time;
        ConnectedAt = time.GetUtcNow();
        _connectedTimestamp = time.GetTimestamp();
        _lastReceivedTimestamp = _connectedTimestamp;
        _lastActivityTimestamp = _connectedTimestamp;
    }

    public string Id { get; }

    public Listener Listener { get; }

    /// <summary>The listener's settings when this connection was admitted; later changes apply to new connections.</summary>
    public ListenerSettings Settings { get; }

    public string? RemoteEndPoint { get; }

    /// <summary>The client's IP address, the one a PROXY header named if there was one; null on a unix socket.</summary>
    public System.Net.IPAddress? RemoteAddress { get; }

    /// <summary>The transport's features of this connection (its socket, for one).</summary>
    public IFeatureCollection Features { get; }

    public string? LocalEndPoint { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>The host's clock, which this connection's timestamps and timers run on.</summary>
    internal TimeProvider Time => _time;

    public DateTimeOffset LastActivityAt => ConnectedAt + _time.GetElapsedTime(_connectedTimestamp, Volatile.Read(ref _lastActivityTimestamp));

    /// <summary>Free-form labels a protocol attaches (a chat name, a logged-in user).</summary>
    public ConcurrentDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public Traffic Traffic => new(
        Interlocked.Read(ref _bytesIn),
        Interlocked.Read(ref _bytesOut),
        Interlocked.Read(ref _messagesIn),
        Interlocked.Read(ref _messagesOut));

    public CancellationToken CloseRequested => _closeRequested.Token;

    public CloseReason? CloseReason
    {
        get
        {
            var reason = Volatile.Read(ref _closeReason);
            return reason < 0 ? null : (CloseReason)reason;
        }
    }

    /// <summary>What the client is told about the close, when the reason alone does not say it (an administrator's words, the message limit broken).</summary>
    public string? CloseDetail { get; private set; }

    /// <summary>Asks the handler to stop; the first reason wins. False when a close was already requested.</summary>
    public bool RequestClose(CloseReason reason, string? detail = null)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, -1) != -1)
        {
            return false;
        }

        CloseDetail = detail;
        switch (reason)
        {
            case Connections.CloseReason.IdleTimeout:
                Listener.CountIdleTimeout();
                break;
            case Connections.CloseReason.MessageTimeout:
                Listener.CountMessageTimeout();
                break;
            case Connections.CloseReason.WriteTimeout:
                Listener.CountWriteTimeout();
                break;
            case Connections.CloseReason.SlowConsumer:
                Listener.CountSlowConsumer();
                break;
        }

        // Handlers observe the token in their reads; their continuations must not run on the caller's thread.
        _ = _closeRequested.CancelAsync();
        return true;
    }

    public void MessageReceived()
    {
        Interlocked.Increment(ref _messagesIn);
        Volatile.Write(ref _messageStartedTimestamp, 0);
    }

    public void MessagePending(long bufferedBytes)
    {
        if (Volatile.Read(ref _messageStartedTimestamp) != 0)
        {
            return;
        }

        Volatile.Write(ref _bytesInBeforeMessage, Interlocked.Read(ref _bytesIn) - bufferedBytes);
        Volatile.Write(ref _messageStartedTimestamp, _time.GetTimestamp());
    }

    /// <summary>The file body the connection is moving, or null.</summary>
    public Transfer? Transfer => Volatile.Read(ref _transfer);

    /// <summary>
    /// A file body starts. An upload is held to <see cref="ListenerOptions.MinDataRate"/> but not to
    /// <see cref="ListenerOptions.MessageTimeout"/>, which would cut any large file; a download counts as activity
    /// for the idle timeout, while <see cref="ListenerOptions.WriteTimeout"/> still cuts a client that stops reading.
    /// </summary>
    public void TransferStarted(Transfer transfer)
    {
        Volatile.Write(ref _transfer, transfer);
        if (transfer.Direction == TransferDirection.Upload)
        {
            Volatile.Write(ref _bytesInBeforeMessage, Interlocked.Read(ref _bytesIn));
            Volatile.Write(ref _messageStartedTimestamp, _time.GetTimestamp());
        }
    }

    public void TransferEnded()
    {
        Volatile.Write(ref _transfer, null);
        Volatile.Write(ref _messageStartedTimestamp, 0);
    }

    /// <summary>The limit the message in progress has broken (the notice for the client), or null.</summary>
    internal string? BrokenMessageLimit(long now)
    {
        var started = Volatile.Read(ref _messageStartedTimestamp);
        if (started == 0)
        {
            return null;
        }

        var received = Interlocked.Read(ref _bytesIn) - Volatile.Read(ref _bytesInBeforeMessage);
        if (Volatile.Read(ref _messageStartedTimestamp) != started)
        {
            // The message completed (and another may have started) while we looked: its numbers do not belong together.
            return null;
        }

        return MessageLimits.Check(Settings.Options, _time.GetElapsedTime(started, now), received, isFileBody: Transfer is { Direction: TransferDirection.Upload });
    }

    public void MessageSent() => Interlocked.Increment(ref _messagesOut);

    internal void BytesReceived(long count)
    {
        Interlocked.Add(ref _bytesIn, count);
        var now = _time.GetTimestamp();
        Volatile.Write(ref _lastReceivedTimestamp, now);
        Volatile.Write(ref _lastActivityTimestamp, now);
    }

    internal void BytesSent(long count)
    {
        Interlocked.Add(ref _bytesOut, count);
        Volatile.Write(ref _lastActivityTimestamp, _time.GetTimestamp());
    }

    internal void WriteBlocked() => Volatile.Write(ref _writeBlockedTimestamp, _time.GetTimestamp());

    internal void WriteUnblocked() => Volatile.Write(ref _writeBlockedTimestamp, 0);

    /// <summary>How long the current write has waited for the client to read; zero when none waits.</summary>
    internal TimeSpan WriteBlockedFor(long now) => Volatile.Read(ref _writeBlockedTimestamp) is var since and not 0 ? _time.GetElapsedTime(since, now) : TimeSpan.Zero;

    /// <summary>Ends the connection at once, without a notice (the transport's abort).</summary>
    public void Abort() => Features.Get<IConnectionLifetimeFeature>()?.Abort();

    /// <summary>Time since the last byte arrived from the client.</summary>
    public TimeSpan IdleFor => SinceLastReceived(_time.GetTimestamp());

    internal TimeSpan SinceLastReceived(long now) => _time.GetElapsedTime(Volatile.Read(ref _lastReceivedTimestamp), now);

    /// <summary>
    /// Makes bytes sent to the client keep the connection from its idle timeout too: for a relay, a long download
    /// with a silent client is traffic, not idleness.
    /// </summary>
    public void CountSendingAsActivity() => _sendingIsActivity = true;

    /// <summary>
    /// Time without traffic as the idle timeout counts it: bytes received, and sent ones too after
    /// <see cref="CountSendingAsActivity"/> or while a download is in progress.
    /// </summary>
    internal TimeSpan IdleSince(long now) => _sendingIsActivity || Transfer is { Direction: TransferDirection.Download }
        ? _time.GetElapsedTime(Volatile.Read(ref _lastActivityTimestamp), now)
        : SinceLastReceived(now);

    public void Dispose() => _closeRequested.Dispose();
}
