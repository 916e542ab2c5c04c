namespace Gateway.Protocols.Resp;

/// <summary>
/// MULTI/EXEC are not supported: the store cannot run several commands in isolation from other clients. MULTI is
/// refused with an error, and so is every command after it up to EXEC (which answers Redis's EXECABORT) or DISCARD.
/// </summary>
internal static class RespTransactions
{
    private static readonly RespReply MultiRefused = RespReply.Error("ERR MULTI is not supported by this server: commands up to EXEC or DISCARD will not run");
    private static readonly RespReply NotRun = RespReply.Error("ERR command not run: it follows a MULTI, which is not supported by this server");
    private static readonly RespReply Aborted = RespReply.Error("EXECABORT Transaction discarded because of previous errors: MULTI is not supported by this server.");

    public static RespReply Refuse(in RespCommand command, RespSession session)
    {
        if (RespArguments.Is(command[0], "MULTI"u8))
        {
            session.InRefusedTransaction = true;
            return MultiRefused;
        }

        if (RespArguments.Is(command[0], "EXEC"u8) || RespArguments.Is(command[0], "DISCARD"u8))
        {
            session.InRefusedTransaction = false;
            return RespArguments.Is(command[0], "EXEC"u8) ? Aborted : RespReply.Ok;
        }

        return NotRun;
    }
}
