namespace Gateway.Protocols.Chat;

public enum NameOutcome
{
    Accepted,
    Invalid,
    Taken,
}

/// <summary>
/// The members of the chat and everything said between them. Membership changes and broadcasts happen under one
/// lock, so every member sees the same order of joins, renames, messages and departures; sending only queues
/// (<see cref="ChatMember.Send(ReadOnlyMemory{byte})"/>), so the lock is never held on a socket.
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

    public void Say(ChatMember from, string message)
    {
        lock (_lock)
        {
            BroadcastLocked($"[{from.Name}] {message}");
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

    private void BroadcastLocked(string text)
    {
        var line = ChatMember.EncodeLine(text);
        foreach (var member in _members.Values)
        {
            member.Send(line);
        }
    }
}
