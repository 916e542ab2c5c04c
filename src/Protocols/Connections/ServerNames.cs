using System.Diagnostics.CodeAnalysis;

namespace Gateway.Protocols.Connections;

/// <summary>Looks up what is configured for a TLS server name (SNI): the exact name, else its <c>*.</c> wildcard one label up.</summary>
public static class ServerNames
{
    /// <summary>The dictionary compares its keys case-insensitively (as server names compare).</summary>
    public static bool TryFind<T>(IReadOnlyDictionary<string, T> byName, string? serverName, [MaybeNullWhen(false)] out T found)
    {
        found = default;
        if (string.IsNullOrEmpty(serverName))
        {
            return false;
        }

        if (byName.TryGetValue(serverName, out found))
        {
            return true;
        }

        var dot = serverName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && byName.TryGetValue(string.Concat("*", serverName.AsSpan(dot)), out found);
    }

    /// <summary>Whether <paramref name="name"/> can be a key: a host name (<c>example.com</c>) or a wildcard (<c>*.example.org</c>).</summary>
    public static bool IsValidKey(string name) =>
        Uri.CheckHostName(name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name) == UriHostNameType.Dns;
}
