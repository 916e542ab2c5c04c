namespace Gateway.Protocols.Chat;

public static class ChatNames
{
    public const int MaxLength = 32;

    /// <summary>1–32 letters, digits, <c>_</c>, <c>-</c> or <c>.</c> (ASCII).</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
