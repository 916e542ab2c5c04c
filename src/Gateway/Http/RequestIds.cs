namespace Gateway.Http;

public static class RequestIds
{
    public const int MaxLength = 128;

    /// <summary>The client's request id when it is 1–128 letters, digits or <c>-_.:</c>; otherwise null.</summary>
    public static string? FromHeader(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? value
            : null;

    public static string New() => Guid.NewGuid().ToString("N");
}
