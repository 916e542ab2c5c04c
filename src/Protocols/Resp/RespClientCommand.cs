using System.Globalization;
using System.Text;
using Gateway.Protocols.Authentication;
using Gateway.Protocols.Connections;

namespace Gateway.Protocols.Resp;

/// <summary>
/// <c>CLIENT ID | GETNAME | SETNAME name | LIST | INFO | KILL ... | SETINFO ...</c> with Redis 7's replies. The
/// clients are the resp connections of the same listener, found through the <see cref="ConnectionRegistry"/>.
/// </summary>
internal static class RespClientCommand
{
    private static readonly RespReply BadName = RespReply.Error("ERR Client names cannot contain spaces, newlines or special characters.");
    private static readonly RespReply NoSuchClient = RespReply.Error("ERR No such client");

    public static RespReply Run(in RespCommand command, RespSession session, ConnectionRegistry registry, DateTimeOffset now)
    {
        var sub = command[1];
        return command.Count switch
        {
            2 when RespArguments.Is(sub, "ID"u8) => RespReply.From(session.Id),
            2 when RespArguments.Is(sub, "GETNAME"u8) => session.Name is { } name ? RespReply.Bulk(name) : RespReply.NullBulk,
            3 when RespArguments.Is(sub, "SETNAME"u8) => SetName(session, RespArguments.Text(command[2])),
            2 when RespArguments.Is(sub, "INFO"u8) => RespReply.Bulk(Describe(session.Connection, "client|info", now)),
            2 or 4 when RespArguments.Is(sub, "LIST"u8) => List(command, session, registry, now),
            >= 3 when RespArguments.Is(sub, "KILL"u8) => Kill(command, session, registry),
            >= 4 when RespArguments.Is(sub, "SETINFO"u8) => RespReply.Ok,
            _ when IsSubcommand(sub) => RespReply.Error($"ERR wrong number of arguments for 'client|{RespArguments.Text(sub).ToLowerInvariant()}' command"),
            _ => RespReply.Error($"ERR unknown subcommand '{RespArguments.Text(sub)}'. Try CLIENT HELP."),
        };
    }

    private static bool IsSubcommand(in System.Buffers.ReadOnlySequence<byte> sub) =>
        RespArguments.Is(sub, "ID"u8) || RespArguments.Is(sub, "GETNAME"u8) || RespArguments.Is(sub, "SETNAME"u8) || RespArguments.Is(sub, "INFO"u8)
        || RespArguments.Is(sub, "LIST"u8) || RespArguments.Is(sub, "KILL"u8) || RespArguments.Is(sub, "SETINFO"u8);

    /// <summary>Redis allows printable ASCII without spaces; an empty name removes it.</summary>
    public static RespReply SetName(RespSession session, string name)
    {
        if (name.Any(c => c is <= ' ' or > '~'))
        {
            return BadName;
        }

        session.Name = name;
        return RespReply.Ok;
    }

    private static RespReply List(in RespCommand command, RespSession session, ConnectionRegistry registry, DateTimeOffset now)
    {
        var clients = Clients(session, registry);
        if (command.Count == 4)
        {
            if (RespArguments.Is(command[2], "TYPE"u8))
            {
                var type = RespArguments.Text(command[3]).ToLowerInvariant();
                if (type is not ("normal" or "master" or "replica" or "slave" or "pubsub"))
                {
                    return RespReply.Error($"ERR Unknown client type '{RespArguments.Text(command[3])}'");
                }

                clients = type == "normal" ? clients : [];
            }
            else if (RespArguments.Is(command[2], "ID"u8))
            {
                var id = RespArguments.Text(command[3]);
                clients = clients.Where(c => c.Tags.GetValueOrDefault(RespSession.IdTag) == id).ToList();
            }
            else
            {
                return RespCommands.SyntaxError;
            }
        }

        var text = new StringBuilder();
        foreach (var client in clients)
        {
            text.Append(Describe(client, client == session.Connection ? "client|list" : "NULL", now));
        }

        return RespReply.Bulk(text.ToString());
    }

    /// <summary>
    /// <c>CLIENT KILL addr</c> (+OK or an error) or <c>CLIENT KILL ID id | ADDR addr | LADDR addr | USER name | SKIPME yes/no ...</c>
    /// (the number closed). The connections close once their replies are sent.
    /// </summary>
    private static RespReply Kill(in RespCommand command, RespSession session, ConnectionRegistry registry)
    {
        var clients = Clients(session, registry);
        if (command.Count == 3)
        {
            var address = RespArguments.Text(command[2]);
            var target = clients.FirstOrDefault(c => c.RemoteEndPoint == address);
            return target is not null && target.RequestClose(CloseReason.ClosedByAdministrator, "CLIENT KILL") ? RespReply.Ok : NoSuchClient;
        }

        if (command.Count % 2 != 0)
        {
            return RespCommands.SyntaxError;
        }

        var skipMe = true;
        for (var i = 2; i < command.Count; i += 2)
        {
            var value = RespArguments.Text(command[i + 1]);
            var filter = command[i];
            if (RespArguments.Is(filter, "ID"u8))
            {
                clients = clients.Where(c => c.Tags.GetValueOrDefault(RespSession.IdTag) == value).ToList();
            }
            else if (RespArguments.Is(filter, "ADDR"u8))
            {
                clients = clients.Where(c => c.RemoteEndPoint == value).ToList();
            }
            else if (RespArguments.Is(filter, "LADDR"u8))
            {
                clients = clients.Where(c => c.LocalEndPoint == value).ToList();
            }
            else if (RespArguments.Is(filter, "USER"u8))
            {
                clients = clients.Where(c => c.Tags.GetValueOrDefault(Logins.UserTag, RespAccess.DefaultUser) == value).ToList();
            }
            else if (RespArguments.Is(filter, "SKIPME"u8) && value is "yes" or "no")
            {
                skipMe = value == "yes";
            }
            else
            {
                return RespCommands.SyntaxError;
            }
        }

        var killed = clients.Count(c => !(skipMe && c == session.Connection) && c.RequestClose(CloseReason.ClosedByAdministrator, "CLIENT KILL"));
        return RespReply.From(killed);
    }

    private static List<TrackedConnection> Clients(RespSession session, ConnectionRegistry registry) =>
        registry.Connections
            .Where(c => c.Listener == session.Connection.Listener && c.Tags.ContainsKey(RespSession.IdTag))
            .OrderBy(c => long.Parse(c.Tags[RespSession.IdTag], CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>One line of CLIENT LIST, with the fields Redis 7 gives that mean something here.</summary>
    private static string Describe(TrackedConnection client, string current, DateTimeOffset now)
    {
        return string.Create(
            CultureInfo.InvariantCulture,
            $"id={client.Tags.GetValueOrDefault(RespSession.IdTag)} addr={client.RemoteEndPoint} laddr={client.LocalEndPoint} fd=-1 " +
            $"name={client.Tags.GetValueOrDefault(RespSession.NameTag)} age={(long)(now - client.ConnectedAt).TotalSeconds} " +
            $"idle={(long)client.IdleFor.TotalSeconds} flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 cmd={current} " +
            $"user={client.Tags.GetValueOrDefault(Logins.UserTag, RespAccess.DefaultUser)} redir=-1 resp=2\n");
    }
}
