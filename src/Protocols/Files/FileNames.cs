namespace Gateway.Protocols.Files;

/// <summary>
/// The names of stored files: a flat namespace of <c>[A-Za-z0-9._-]{1,128}</c> without <c>..</c> and other than
/// <c>.</c>, so a name is never a path (no separator, no NUL, no parent or current directory).
/// </summary>
public static class FileNames
{
    public const int MaxLength = 128;

    public static bool IsAllowed(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxLength || name is "." || name.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
