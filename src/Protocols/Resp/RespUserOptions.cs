using Gateway.Protocols.Authentication;

namespace Gateway.Protocols.Resp;

/// <summary>A resp user under <c>Users:&lt;name&gt;</c>: its password hash, and what it may run.</summary>
public sealed class RespUserOptions : UserOptions
{
    /// <summary>The commands the user may run (<c>GET</c>, <c>SCAN</c>, …); empty: all of them.</summary>
    public string[] Commands { get; set; } = [];

    /// <summary>No command that changes the store (SET, DEL, INCR, EXPIRE, FLUSHDB, …).</summary>
    public bool ReadOnly { get; set; }
}
