using Gateway.Protocols.Authentication;

namespace Gateway.Tests.Integration.Authentication;

/// <summary>Users for the tests' listeners, hashed with the fewest iterations the Gateway accepts so that logins stay quick.</summary>
internal static class Credentials
{
    public const string Password = "correct horse";

    public static readonly string Hash = PasswordHash.Create(Password, PasswordHash.MinIterations);

    /// <summary>A user under <c>Gateway:Listeners:&lt;listener&gt;:Users:&lt;name&gt;</c> with <see cref="Password"/>, and its other keys.</summary>
    public static Dictionary<string, string?> User(string listener, string name, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { [$"Gateway:Listeners:{listener}:Users:{name}:PasswordHash"] = Hash };
        foreach (var (key, value) in more)
        {
            settings[$"Gateway:Listeners:{listener}:Users:{name}:{key}"] = value;
        }

        return settings;
    }

    public static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);
}
