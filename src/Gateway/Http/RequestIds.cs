using System.Security.Cryptography;

namespace Gateway.Http;

public static class RequestIds
{
    public const int MaxLength = 128;

    // A random half per process and a counter: unique without a random-number syscall per request, which a
    // Guid.NewGuid costs on Linux (the users GET profile, docs/benchmarks.md).
    private static readonly ulong ProcessPart = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
    private static ulong _counter;

    /// <summary>The client's request id when it is 1–128 letters, digits or <c>-_.:</c>; otherwise null.</summary>
    public static string? FromHeader(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? value
            : null;

    /// <summary>32 lowercase hex digits, different for every request of every process.</summary>
    public static string New() => string.Create(32, Interlocked.Increment(ref _counter), static (text, count) =>
    {
        ProcessPart.TryFormat(text, out _, "x16");
        count.TryFormat(text[16..], out _, "x16");
    });
}
