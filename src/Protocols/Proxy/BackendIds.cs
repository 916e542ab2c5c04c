using System.Text.RegularExpressions;

namespace Gateway.Protocols.Proxy;

/// <summary>The names pools and backends may have: they appear in URLs, configuration keys and metric labels.</summary>
public static partial class BackendIds
{
    public const string Rule = "must be 1 to 64 letters, digits, '-' or '.', starting with a letter or digit.";

    public static bool IsValid(string id) => ValidId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$")]
    private static partial Regex ValidId();
}
