using Gateway.Protocols.Authentication;
using Gateway.Protocols.Settings;
using Gateway.Protocols.Slowlog;

namespace Gateway.Protocols.Commands;

/// <summary>The commands listener's own settings, next to the shared listener options in its section.</summary>
public sealed class CommandsOptions : IProtocolOptions
{
    /// <summary>How often the server writes <c>HEARTBEAT</c>; zero turns heartbeats off.</summary>
    public TimeSpan HeartbeatInterval { get; set; }

    /// <summary>Which commands <c>GET /api/slowlog</c> shows (<c>Slowlog:SlowerThanMicroseconds</c>, <c>Slowlog:MaxLength</c>).</summary>
    public SlowlogOptions Slowlog { get; set; } = new();

    /// <summary>Who may <c>LOGIN</c>, by name, with their password hashes; none: LOGIN is refused.</summary>
    public Dictionary<string, UserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The <see cref="Users"/> with their hashes read, by <see cref="ReadUsers"/>.</summary>
    internal UserDirectory<string> Accounts { get; } = new();

    internal void ReadUsers(ICollection<SettingsProblem> problems) => Accounts.AddAll(Users, (name, _) => name, problems);

    public IEnumerable<SettingsProblem> Validate()
    {
        foreach (var problem in Slowlog.Validate())
        {
            yield return problem;
        }

        if (HeartbeatInterval < TimeSpan.Zero)
        {
            yield return new SettingsProblem(nameof(HeartbeatInterval), "must not be negative (zero turns heartbeats off).");
        }
    }
}
