using System.Security.Cryptography;
using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Authentication;

/// <summary>
/// A listener's users by name and what each may do (<typeparamref name="TUser"/>). Logging in derives a PBKDF2 key, which
/// is costly on purpose, so it runs on the thread pool; an unknown or disabled user costs the same as a known one, so
/// that timing tells a client nothing about which names exist.
/// </summary>
public sealed class UserDirectory<TUser>
    where TUser : class
{
    private sealed record Account(PasswordHash Hash, bool Enabled, TUser User);

    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    /// <summary>A real user's hash, derived when the name is unknown, so that a miss takes as long as a wrong password.</summary>
    private PasswordHash? _decoy;

    public bool IsEmpty => _accounts.Count == 0;

    public bool Contains(string name) => _accounts.ContainsKey(name);

    public void Add(string name, PasswordHash hash, bool enabled, TUser user)
    {
        _accounts[name] = new(hash, enabled, user);
        _decoy ??= hash;
    }

    /// <summary>
    /// Adds each user of <paramref name="users"/> whose hash reads, made by <paramref name="describe"/>; every other
    /// one is a problem under <c>Users:&lt;name&gt;:PasswordHash</c>.
    /// </summary>
    public void AddAll<TOptions>(IReadOnlyDictionary<string, TOptions> users, Func<string, TOptions, TUser> describe, ICollection<SettingsProblem> problems)
        where TOptions : UserOptions
    {
        foreach (var (name, options) in users)
        {
            if (name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace))
            {
                problems.Add(new($"Users:{name}", "is not a user name (1-64 characters, no spaces)."));
            }
            else if (!PasswordHash.TryParse(options.PasswordHash, out var hash, out var problem))
            {
                problems.Add(new($"Users:{name}:PasswordHash", problem));
            }
            else
            {
                Add(name, hash, options.Enabled, describe(name, options));
            }
        }
    }

    /// <summary>The user when <paramref name="password"/> is theirs and they are enabled; else null. The password is wiped afterwards.</summary>
    public Task<TUser?> AuthenticateAsync(string name, byte[] password) => Task.Run(() =>
    {
        try
        {
            var found = _accounts.TryGetValue(name, out var account);
            var matches = (found ? account!.Hash : _decoy)?.Verify(password) ?? false;
            return found && matches && account!.Enabled ? account.User : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    });
}
