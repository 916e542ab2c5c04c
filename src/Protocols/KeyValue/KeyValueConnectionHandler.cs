using System.Text;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.KeyValue;

/// <summary>
/// <c>SET</c>, <c>GET</c>, <c>DELETE</c>, <c>KEYS</c> and <c>QUIT</c>, one per line, with the seed's banner and replies.
/// Keys and values go from the line's bytes to the store without becoming strings.
/// </summary>
public sealed class KeyValueConnectionHandler(KeyValueStore store, TimeProvider time, ILogger<KeyValueConnectionHandler> logger)
    : MessageConnectionHandler<Line, TrackedConnection>
{
    private readonly ProtectedMode _protectedMode = new(time, logger);

    private static readonly ReadOnlyMemory<byte> Banner =
        "KV Store Server v1.0\nAvailable commands: SET, GET, DELETE, KEYS, QUIT\nFormat: COMMAND [args...]\n\n"u8.ToArray();

    private static readonly byte[] AllKeys = "*"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Ok = "OK"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Null = "NULL"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Goodbye = "Goodbye!"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> NoKeys = "No keys stored"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> KeyNotFound = "ERROR: Key not found"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> SetUsage = "ERROR: SET requires key and value"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> GetUsage = "ERROR: GET requires key"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> DeleteUsage = "ERROR: DELETE requires key"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> KeyTooLong = Encoding.UTF8.GetBytes($"ERROR: Key too long (max {KeyValueProtocol.MaxKeyLength} bytes)");
    private static readonly ReadOnlyMemory<byte> ValueTooLarge = Encoding.UTF8.GetBytes($"ERROR: Value too large (max {KeyValueProtocol.MaxValueLength} bytes)");
    private static readonly ReadOnlyMemory<byte> OutOfMemory = "ERROR: Out of memory (the store is at its size limit)"u8.ToArray();

    protected override IMessageReader<Line> CreateReader(ListenerSettings listener) => new LineReader(listener.MaxMessageSize);

    protected override TrackedConnection CreateSession(ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection) => connection;

    /// <summary>The banner; or, to a client protected mode refuses, why, instead of the banner.</summary>
    protected override ValueTask<bool> OnStartAsync(TrackedConnection session, ProtocolWriter writer)
    {
        if (!_protectedMode.Admits(session, session.Settings.ProtocolOptions<KeyValueOptions>().ProtectedMode))
        {
            writer.Write(TextLineWriter.Instance, ProtectedModeRefusal(session.Listener.Name));
            return ValueTask.FromResult(false);
        }

        writer.Write(BytesWriter.Instance, new System.Buffers.ReadOnlySequence<byte>(Banner));
        return ValueTask.FromResult(true);
    }

    private static string ProtectedModeRefusal(string listener) =>
        "ERROR: Protected mode: this key-value store has no password, so it only serves clients on the server's own machine (loopback). " +
        $"If the network is trusted, set Gateway:Listeners:{listener}:ProtectedMode=false (and narrow Gateway:Listeners:{listener}:Allow to your clients).";

    protected override ValueTask<bool> HandleAsync(Line message, TrackedConnection connection, ProtocolWriter writer)
    {
        using var content = new ContiguousBytes(message.Content);
        var line = Tokens.Trim(content.Span);
        if (line.IsEmpty)
        {
            return ValueTask.FromResult(true);
        }

        var command = Tokens.First(line, out var arguments);
        if (Ascii.EqualsIgnoreCase(command, "KEYS"u8))
        {
            return WriteKeysAsync(writer);
        }

        var (reply, keepOpen) = Execute(command, arguments);
        writer.Write(BytesLineWriter.Instance, reply);

        // Sent once the change may be acknowledged under the append-only file's fsync policy.
        writer.FlushAfter(store.DurableAsync());
        return ValueTask.FromResult(keepOpen);
    }

    private (ReadOnlyMemory<byte> Reply, bool KeepOpen) Execute(ReadOnlySpan<byte> command, ReadOnlySpan<byte> arguments)
    {
        if (Ascii.EqualsIgnoreCase(command, "SET"u8))
        {
            return (Set(arguments), true);
        }

        if (Ascii.EqualsIgnoreCase(command, "GET"u8))
        {
            var key = Tokens.First(arguments, out _);
            return (key.IsEmpty ? GetUsage : store.Get(key) ?? Null, true);
        }

        if (Ascii.EqualsIgnoreCase(command, "DELETE"u8))
        {
            var key = Tokens.First(arguments, out _);
            return (key.IsEmpty ? DeleteUsage : store.Delete(key) ? Ok : KeyNotFound, true);
        }

        if (Ascii.EqualsIgnoreCase(command, "QUIT"u8))
        {
            return (Goodbye, false);
        }

        return (Encoding.UTF8.GetBytes($"ERROR: Unknown command '{Encoding.UTF8.GetString(command).ToUpperInvariant()}'"), true);
    }

    /// <summary>The value is the rest of the line after the key and one space, kept as sent.</summary>
    private ReadOnlyMemory<byte> Set(ReadOnlySpan<byte> arguments)
    {
        var key = Tokens.First(arguments, out var afterKey);
        if (key.IsEmpty || Tokens.TrimStart(afterKey).IsEmpty)
        {
            return SetUsage;
        }

        if (key.Length > KeyValueProtocol.MaxKeyLength)
        {
            return KeyTooLong;
        }

        var value = afterKey[1..];
        if (value.Length > KeyValueProtocol.MaxValueLength)
        {
            return ValueTooLarge;
        }

        return store.Set(key, value) == SetOutcome.Stored ? Ok : OutOfMemory;
    }

    /// <summary>The listing is built off this socket thread, which meanwhile serves other connections; this one reads nothing more until it is written.</summary>
    private async ValueTask<bool> WriteKeysAsync(ProtocolWriter writer)
    {
        writer.Write(BytesLineWriter.Instance, JoinKeys(await store.KeysAsync(AllKeys)));
        return true;
    }

    private static ReadOnlyMemory<byte> JoinKeys(List<byte[]> keys)
    {
        if (keys.Count == 0)
        {
            return NoKeys;
        }

        var separator = ", "u8;
        var joined = new byte[keys.Sum(k => k.Length) + (separator.Length * (keys.Count - 1))];
        var at = 0;
        foreach (var key in keys)
        {
            if (at > 0)
            {
                separator.CopyTo(joined.AsSpan(at));
                at += separator.Length;
            }

            key.CopyTo(joined, at);
            at += key.Length;
        }

        return joined;
    }
}
