namespace Gateway.Protocols.Resp;

/// <summary>What a command does, as users' permissions see it.</summary>
public enum RespCommandKind
{
    /// <summary>Reads the store or the server's state; a read-only user may run it.</summary>
    Read,

    /// <summary>Changes the store.</summary>
    Write,

    /// <summary>AUTH, HELLO and QUIT: allowed before a login and to every user, as in Redis.</summary>
    Connection,
}
