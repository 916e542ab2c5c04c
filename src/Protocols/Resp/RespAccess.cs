using System.Collections.Frozen;
using System.Text;
using Gateway.Protocols.Authentication;
using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Resp;

/// <summary>
/// A resp listener's users and protected mode as its connections use them, read once from <see cref="RespOptions"/>.
/// As in Redis, with no password and no users every client is the <c>default</c> user without logging in; with a
/// password or any user, every client must log in first, and <c>default</c> exists only if it has a password.
/// </summary>
public sealed class RespAccess
{
    public const string DefaultUser = "default";

    /// <summary>
    /// A password given in clear sits in the configuration anyway: a single PBKDF2 round is enough to compare it in
    /// constant time without keeping it in memory as it is.
    /// </summary>
    private const int ClearPasswordIterations = 1;

    public RespAccess()
    {
    }

    private RespAccess(UserDirectory<RespUser> users, bool protectedMode)
    {
        Users = users;
        ProtectedMode = protectedMode;
    }

    public UserDirectory<RespUser> Users { get; } = new();

    /// <summary>Whether clients must log in before anything but AUTH, HELLO and QUIT.</summary>
    public bool RequiresLogin => !Users.IsEmpty;

    /// <summary>Whether <c>AUTH &lt;password&gt;</c> has a user to log in as.</summary>
    public bool DefaultHasPassword => Users.Contains(DefaultUser);

    /// <summary>Whether clients from other machines are refused: protected mode is on and nobody needs a password.</summary>
    public bool RefusesRemoteClients => ProtectedMode && !RequiresLogin;

    public bool ProtectedMode { get; } = true;

    public static RespAccess From(RespOptions options, ICollection<SettingsProblem> problems)
    {
        var users = new UserDirectory<RespUser>();
        if (options.Password is { Length: > 0 } password)
        {
            users.Add(DefaultUser, PasswordHash.From(Encoding.UTF8.GetBytes(password), ClearPasswordIterations), enabled: true, RespUser.Default);
        }

        users.AddAll(options.Users, Describe, problems);
        return new(users, options.ProtectedMode);
    }

    private static RespUser Describe(string name, RespUserOptions user) => new(
        name,
        user.Commands.Length == 0 ? null : user.Commands.Select(c => c.ToUpperInvariant()).ToFrozenSet(StringComparer.Ordinal),
        user.ReadOnly);
}
