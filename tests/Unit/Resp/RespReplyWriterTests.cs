using System.Buffers;
using System.Text;
using Gateway.Protocols.Resp;

namespace Gateway.Tests.Unit.Resp;

public class RespReplyWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(100_000)]
    public void Bulk_strings_of_every_size_are_header_value_and_crlf(int length)
    {
        var value = Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
        var output = new ArrayBufferWriter<byte>();

        RespReplyWriter.Instance.WriteMessage(RespReply.Bulk(value), output);

        Assert.Equal([.. Encoding.ASCII.GetBytes($"${length}\r\n"), .. value, .. "\r\n"u8.ToArray()], output.WrittenSpan.ToArray());
    }
}
