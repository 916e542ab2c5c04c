using System.Buffers;

namespace Gateway.Protocols.Framing;

/// <summary>
/// A message's bytes as one span: the buffer's own memory when the message lies in one segment (the usual case),
/// otherwise a pooled copy that <see cref="Dispose"/> returns.
/// </summary>
public ref struct ContiguousBytes
{
    private byte[]? _rented;

    public ContiguousBytes(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            Span = bytes.FirstSpan;
            return;
        }

        _rented = ArrayPool<byte>.Shared.Rent(checked((int)bytes.Length));
        bytes.CopyTo(_rented);
        Span = _rented.AsSpan(0, (int)bytes.Length);
    }

    public ReadOnlySpan<byte> Span { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
