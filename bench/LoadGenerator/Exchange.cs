using System.Buffers.Binary;
using System.Text;

namespace Gateway.LoadGenerator;

/// <summary>One request of a scenario and the exact number of reply bytes it produces.</summary>
public sealed record Exchange(byte[] Request, int ReplyLength)
{
    public static Exchange For(string scenario, int size, int connection) => scenario switch
    {
        "echo" => Line(new string('x', Math.Max(size - 1, 0)), size),
        "kv" => Line($"SET bench:{connection} {new string('v', Math.Max(size, 1))}", "OK\n".Length),
        "resp" => Resp(connection, size),
        "binary" => Binary(size),
        "frames" => Frames(size),
        _ => throw new ArgumentException($"'{scenario}' is not a socket scenario."),
    };

    private static Exchange Line(string text, int replyLength) => new(Encoding.ASCII.GetBytes(text + "\n"), replyLength);

    private static Exchange Resp(int connection, int size)
    {
        var key = $"bench:{connection}";
        var value = new string('v', Math.Max(size, 1));
        return new(Encoding.ASCII.GetBytes($"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n${value.Length}\r\n{value}\r\n"), "+OK\r\n".Length);
    }

    private static Exchange Binary(int size)
    {
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)size + 1);
        frame[4] = 0x01;
        return new(frame, frame.Length);
    }

    private static Exchange Frames(int size)
    {
        var frame = new byte[4 + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)size);
        return new(frame, 4 + "Got: ".Length + size);
    }
}
