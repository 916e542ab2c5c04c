namespace Gateway.Protocols.Chat;

public enum NameOutcome
{
    Accepted,
    Invalid,
    Taken,
}

/// <summary>
/// The members of the chat and everything said between them. Membership changes and broadcasts happen under one
/// lock, so every member sees the same order of joins, renames, messages and departures. A broadcast encodes the line
/// once and appends the shared buffer to each member's queue (<see cref="ChatMember.Send(ReadOnlyMemory{byte})"/>):
/// no socket, no waiting and no allocation per member under the lock. Backpressure happens after it: the sender
/// waits for the member that <see cref="Say"/> returns before reading its next line.
/// </summary>
public sealed class ChatRoom
{
    private readonly Dictionary<string, ChatMember> _members = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return _members.Values.Select(m => m.Name!).Order(StringComparer.OrdinalIgnoreCase).ToList();
            }
        }
    }

    public NameOutcome TryJoin(ChatMember member, string name)
    {
        if (!ChatNames.IsValid(name))
        {
            return NameOutcome.Invalid;
        }

        lock (_lock)
        {
            if (!_members.TryAdd(name, member))
            {
                return NameOutcome.Taken;
            }

            member.Rename(name);
            member.Send($"Welcome to the chat, {name}!");
            member.Send("Type your messages and press Enter to send.");
            BroadcastLocked($"*** {name} joined the chat ***");
            return NameOutcome.Accepted;
        }
    }

    public NameOutcome TryRename(ChatMember member, string name)
    {
        if (!ChatNames.IsValid(name))
        {
            return NameOutcome.Invalid;
        }

        lock (_lock)
        {
            var old = member.Name!;
            if (_members.TryGetValue(name, out var holder) && holder != member)
            {
                return NameOutcome.Taken;
            }

            _members.Remove(old);
            _members[name] = member;
            member.Rename(name);
            BroadcastLocked($"*** {old} is now {name} ***");
            return NameOutcome.Accepted;
        }
    }

    public void Leave(ChatMember member)
    {
        lock (_lock)
        {
            if (member.Name is { } name && _members.Remove(name))
            {
                BroadcastLocked($"*** {name} left the chat ***");
            }
        }
    }

    /// <summary>Broadcasts a message; returns a member the sender should wait for (<see cref="ChatMember.WaitForRoomAsync"/>), if any.</summary>
    public ChatMember? Say(ChatMember from, string message)
    {
        lock (_lock)
        {
            return BroadcastLocked($"[{from.Name}] {message}");
        }
    }

    /// <summary>
    /// A member that senders must wait for, if any. A sender waits for every one in turn, not only for the one its
    /// broadcast found first: a reader slower than that one would otherwise keep growing until its limits cut it.
    /// </summary>
    public ChatMember? FindSaturated()
    {
        lock (_lock)
        {
            foreach (var member in _members.Values)
            {
                if (member.SlowsSenders)
                {
                    return member;
                }
            }

            return null;
        }
    }

    /// <summary>False when nobody of that name is connected.</summary>
    public bool Whisper(ChatMember from, string to, string message)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(to, out var receiver))
            {
                return false;
            }

            receiver.Send($"[{from.Name} → you] {message}");
            return true;
        }
    }

    private ChatMember? BroadcastLocked(string text)
    {
        var line = ChatMember.EncodeLine(text);
        ChatMember? saturated = null;
        foreach (var member in _members.Values)
        {
            if (member.Send(line))
            {
                saturated ??= member;
            }
        }

        return saturated;
    }
}
