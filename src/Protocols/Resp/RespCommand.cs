using System.Buffers;

namespace Gateway.Protocols.Resp;

/// <summary>
/// One request: its arguments, the first being the command name. The arguments point into the connection's input
/// buffer and into an array the <see cref="RespReader"/> reuses: valid until the next read.
/// </summary>
public readonly struct RespCommand(ReadOnlySequence<byte>[] arguments, int count)
{
    public int Count { get; } = count;

    public ReadOnlySequence<byte> this[int index] => index < Count ? arguments[index] : throw new ArgumentOutOfRangeException(nameof(index));
}
