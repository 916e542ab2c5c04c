using System.Buffers;

namespace Gateway.Tests.Unit;

/// <summary>Bytes as a two-segment <see cref="ReadOnlySequence{T}"/> split at one position, as a pipe may hold them.</summary>
internal static class SplitSequence
{
    public static ReadOnlySequence<byte> At(byte[] bytes, int at)
    {
        var first = new Segment(bytes[..at]);
        var last = first.Append(bytes[at..]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
