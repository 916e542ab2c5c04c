using Gateway.Protocols.Settings;
using Gateway.Protocols.Slowlog;

namespace Gateway.Protocols.Resp;

/// <summary>A resp listener's own settings: who may log in, and protected mode.</summary>
public sealed class RespOptions : IProtocolOptions
{
    /// <summary>
    /// The <c>default</c> user's password, as Redis's <c>requirepass</c>: <c>AUTH &lt;password&gt;</c>. For a password
    /// that is not in the configuration in clear, give <c>Users:default:PasswordHash</c> instead.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Users by name (<c>default</c> is the one <c>AUTH &lt;password&gt;</c> logs in as). With any, every client must log in.</summary>
    public Dictionary<string, RespUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Without a password, serve only clients on this machine (see <see cref="Connections.ProtectedMode"/>).</summary>
    public bool ProtectedMode { get; set; } = true;

    /// <summary>Which commands SLOWLOG keeps (<c>Slowlog:SlowerThanMicroseconds</c>, <c>Slowlog:MaxLength</c>).</summary>
    public SlowlogOptions Slowlog { get; set; } = new();

    public IEnumerable<SettingsProblem> Validate()
    {
        foreach (var problem in Slowlog.Validate())
        {
            yield return problem;
        }

        if (Password is { Length: 0 })
        {
            yield return new(nameof(Password), "must not be empty (leave it out for no password).");
        }

        if (Password is not null && Users.ContainsKey(RespAccess.DefaultUser))
        {
            yield return new(nameof(Password), $"and Users:{RespAccess.DefaultUser} both set the default user's password: keep one.");
        }

        var known = RespCommands.Names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, user) in Users)
        {
            foreach (var command in user.Commands.Where(c => !known.Contains(c)))
            {
                yield return new($"Users:{name}:Commands", $"'{command}' is not a command the resp listener answers ({string.Join(", ", RespCommands.Names)}).");
            }
        }
    }
}
