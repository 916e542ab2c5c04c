using System.Text;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Framing;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Protocols.Chat;

/// <summary>
/// Reads one client's lines (first its name, then messages and commands) while its <see cref="ChatMember"/> writer
/// loop sends whatever the room queues for it. All output goes through that queue, so this handler never writes.
/// After a message that saturates a member, it reads nothing more until that member has room (backpressure).
/// </summary>
public sealed class ChatConnectionHandler(ChatRoom room, TimeProvider time) : ConnectionHandler
{
    public static readonly TimeSpan NameTimeout = TimeSpan.FromSeconds(30);

    public const int MaxNameAttempts = 3;

    public const string Prompt = "Enter your name: ";

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var tracked = connection.GetTrackedConnection();
        var member = new ChatMember(tracked, connection.Transport.Output, tracked.Settings.ProtocolOptions<ChatOptions>().OutputLimits, time);
        var writing = member.RunWriterAsync();
        var reader = new ProtocolReader(connection.Transport.Input, tracked.Settings.MaxMessageSize + 64L, tracked);
        var lines = new LineReader(tracked.Settings.MaxMessageSize);
        try
        {
            if (await JoinAsync(member, reader, lines))
            {
                await ChatAsync(member, reader, lines);
            }
        }
        finally
        {
            room.Leave(member);
            member.Complete();
            await FinishWritingAsync(connection, writing);
        }
    }

    private async Task<bool> JoinAsync(ChatMember member, ProtocolReader reader, LineReader lines)
    {
        using var timeout = new CancellationTokenSource(NameTimeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(member.Connection.CloseRequested, timeout.Token);
        for (var attempt = 1; attempt <= MaxNameAttempts; attempt++)
        {
            member.SendRaw(Prompt);
            ProtocolReadResult<Line> result;
            try
            {
                result = await reader.ReadAsync(lines, deadline.Token);
            }
            catch (OperationCanceledException) when (!member.Connection.CloseRequested.IsCancellationRequested)
            {
                member.Send("ERROR name timeout");
                return false;
            }

            if (result.IsCompleted)
            {
                return false;
            }

            var name = Encoding.UTF8.GetString(result.Message.Content).Trim();
            switch (room.TryJoin(member, name))
            {
                case NameOutcome.Accepted:
                    return true;
                case NameOutcome.Taken:
                    member.Send("ERROR name taken");
                    break;
                default:
                    member.Send("ERROR invalid name");
                    break;
            }
        }

        return false;
    }

    private async Task ChatAsync(ChatMember member, ProtocolReader reader, LineReader lines)
    {
        while (true)
        {
            var result = await reader.ReadAsync(lines, member.Connection.CloseRequested);
            if (result.IsCompleted)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(result.Message.Content).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!text.StartsWith('/'))
            {
                var saturated = room.Say(member, text);
                while (saturated is not null)
                {
                    await saturated.WaitForRoomAsync(member.Connection.CloseRequested);
                    saturated = room.FindSaturated();
                }
            }
            else if (!RunCommand(member, text))
            {
                return;
            }
        }
    }

    /// <summary>Runs a <c>/command</c>; false when the client asked to leave.</summary>
    private bool RunCommand(ChatMember member, string text)
    {
        var parts = text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        switch (parts[0].ToLowerInvariant())
        {
            case "/users":
                member.Send("Connected users:");
                foreach (var name in room.Names)
                {
                    member.Send($"  - {name}");
                }

                break;
            case "/msg" when parts.Length < 3:
                member.Send("ERROR usage: /msg <name> <text>");
                break;
            case "/msg":
                if (!room.Whisper(member, parts[1], parts[2]))
                {
                    member.Send("ERROR no such user");
                }

                break;
            case "/nick" when parts.Length < 2:
                member.Send("ERROR usage: /nick <name>");
                break;
            case "/nick":
                var outcome = room.TryRename(member, string.Join(' ', parts[1..]));
                if (outcome != NameOutcome.Accepted)
                {
                    member.Send(outcome == NameOutcome.Taken ? "ERROR name taken" : "ERROR invalid name");
                }

                break;
            case "/help":
                member.Send("Commands:");
                member.Send("  /users               list connected users");
                member.Send("  /msg <name> <text>   send a private message");
                member.Send("  /nick <name>         change your name");
                member.Send("  /help                show this help");
                member.Send("  /quit                leave the chat");
                break;
            case "/quit":
                return false;
            default:
                member.Send("ERROR unknown command");
                break;
        }

        return true;
    }

    /// <summary>Lets the writer send what is queued; a client that does not take it in time is cut off.</summary>
    private static async Task FinishWritingAsync(ConnectionContext connection, Task writing)
    {
        try
        {
            await writing.WaitAsync(ClosingNotice.Timeout);
        }
        catch (TimeoutException)
        {
            connection.Abort(new ConnectionAbortedException("The client did not read its pending chat messages."));
        }
        catch (Exception exception) when (exception is IOException or ConnectionAbortedException or ConnectionResetException or InvalidOperationException)
        {
            // The transport is already gone (abrupt disconnect); nothing is left to deliver.
        }
    }
}
