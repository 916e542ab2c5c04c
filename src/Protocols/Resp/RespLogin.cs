using System.Buffers;
using Gateway.Protocols.Authentication;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Resp;

/// <summary>
/// <c>AUTH [user] password</c> and <c>HELLO [protover [AUTH user password] [SETNAME name]]</c>, with Redis 7's replies.
/// A failed login leaves the connection logged in as before, as in Redis.
/// </summary>
internal static class RespLogin
{
    private static readonly RespReply WrongPassword = RespReply.Error("WRONGPASS invalid username-password pair or user is disabled.");
    private static readonly RespReply NoDefaultPassword = RespReply.Error(
        "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");

    private static readonly RespReply HelloBeforeLogin = RespReply.Error(
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");

    public static ValueTask<RespReply> Auth(in RespCommand command, RespSession session, ILogger logger)
    {
        if (command.Count > 3)
        {
            return new(RespCommands.SyntaxError);
        }

        if (command.Count == 2 && !session.Access.DefaultHasPassword)
        {
            return new(NoDefaultPassword);
        }

        var user = command.Count == 2 ? RespAccess.DefaultUser : RespArguments.Text(command[1]);
        return LogInAsync(session, user, command[command.Count - 1].ToArray(), RespReply.Ok, logger);
    }

    public static ValueTask<RespReply> Hello(in RespCommand command, RespSession session, ILogger logger)
    {
        if (command.Count == 1)
        {
            return new(session.User is null ? HelloBeforeLogin : RespServerInfo.Hello);
        }

        if (!RespArguments.TryGetInteger(command[1], out var version))
        {
            return new(RespReply.Error("ERR Protocol version is not an integer or out of range"));
        }

        if (version != 2)
        {
            return new(RespReply.Error("NOPROTO unsupported protocol version"));
        }

        string? user = null;
        byte[]? password = null;
        string? name = null;
        for (var i = 2; i < command.Count; i++)
        {
            if (RespArguments.Is(command[i], "AUTH"u8) && i + 2 < command.Count)
            {
                user = RespArguments.Text(command[i + 1]);
                password = command[i + 2].ToArray();
                i += 2;
            }
            else if (RespArguments.Is(command[i], "SETNAME"u8) && i + 1 < command.Count)
            {
                name = RespArguments.Text(command[++i]);
            }
            else
            {
                return new(RespReply.Error($"ERR Syntax error in HELLO option '{RespArguments.Text(command[i])}'"));
            }
        }

        if (user is null)
        {
            return new(session.User is null ? HelloBeforeLogin : Named(session, name));
        }

        var login = LogInAsync(session, user, password!, RespServerInfo.Hello, logger);
        return name is null ? login : NameAfterLoginAsync(login, session, name);
    }

    /// <summary>As Redis, the name is set only once the client is logged in; a bad name fails the whole HELLO.</summary>
    private static RespReply Named(RespSession session, string? name)
    {
        var named = name is null ? RespReply.Ok : RespClientCommand.SetName(session, name);
        return named.Type == RespReply.Kind.Error ? named : RespServerInfo.Hello;
    }

    private static async ValueTask<RespReply> NameAfterLoginAsync(ValueTask<RespReply> login, RespSession session, string name)
    {
        var reply = await login;
        return reply.Type == RespReply.Kind.Error ? reply : Named(session, name);
    }

    private static async ValueTask<RespReply> LogInAsync(RespSession session, string name, byte[] password, RespReply success, ILogger logger)
    {
        // Redis's nopass: with no passwords at all, the default user takes any password.
        if (!session.Access.RequiresLogin && name == RespAccess.DefaultUser)
        {
            return success;
        }

        if (await session.Access.Users.AuthenticateAsync(name, password) is not { } user)
        {
            Logins.Failed(logger, session.Connection, name);
            return WrongPassword;
        }

        session.LogIn(user);
        return success;
    }
}
