using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Protocols.Binary;
using Gateway.Protocols.Framing;
using Gateway.Protocols.Resp;

namespace Gateway.Benchmarks.Codecs;

/// <summary>
/// One message parsed per operation by each hot-path codec, from a buffer already in memory: the allocation column
/// must read 0 B (issue #7's target).
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly LineReader _lines = new(64 * 1024);
    private readonly LengthPrefixedReader _frames = new(1024 * 1024);
    private readonly BinaryFrameReader _binary = new((1024 * 1024) + 1);
    private readonly RespReader _resp = new(1024 * 1024);
    private ReadOnlySequence<byte> _line;
    private ReadOnlySequence<byte> _frame;
    private ReadOnlySequence<byte> _binaryFrame;
    private ReadOnlySequence<byte> _respCommand;

    [GlobalSetup]
    public void Setup()
    {
        _line = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(new string('x', 63) + "\n"));
        var frame = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 64);
        _frame = new ReadOnlySequence<byte>(frame);
        var binary = new byte[5 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(binary, 65);
        binary[4] = 0x01;
        _binaryFrame = new ReadOnlySequence<byte>(binary);
        _respCommand = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$8\r\nbench:42\r\n$16\r\nvvvvvvvvvvvvvvvv\r\n"));
    }

    [Benchmark]
    public long Line() => Parse(_lines, _line).Content.Length;

    [Benchmark]
    public long LengthPrefixed() => Parse(_frames, _frame).Length;

    [Benchmark]
    public int Binary() => Parse(_binary, _binaryFrame).Type;

    [Benchmark]
    public int Resp() => Parse(_resp, _respCommand).Count;

    private static T Parse<T>(IMessageReader<T> reader, in ReadOnlySequence<byte> input)
    {
        var consumed = input.Start;
        var examined = input.End;
        return reader.TryParseMessage(input, ref consumed, ref examined, out var message) ? message : throw new InvalidOperationException("not parsed");
    }
}
