using System.Collections.Frozen;

namespace Gateway.Protocols.Resp;

/// <summary>A resp user as a connection logged in as it: which commands it may run.</summary>
public sealed class RespUser(string name, FrozenSet<string>? commands = null, bool readOnly = false)
{
    /// <summary>Who every client is on a listener without passwords: Redis's <c>default</c> user, allowed everything.</summary>
    public static RespUser Default { get; } = new(RespAccess.DefaultUser);

    public string Name => name;

    /// <summary><paramref name="command"/> is an upper-case command name.</summary>
    public bool Permits(string command, RespCommandKind kind) =>
        (commands is null || commands.Contains(command)) && !(readOnly && kind == RespCommandKind.Write);
}
