namespace Gateway.Protocols.Commands;

/// <summary>A command's outcome: text for an OK (null: no reply in the plain form) or an error message, and whether to close.</summary>
public readonly record struct CommandResult(bool Succeeded, string? Text, bool Close = false)
{
    public static CommandResult Ok(string? text) => new(true, text);

    public static CommandResult Error(string message) => new(false, message);

    /// <summary>The reply line, or null when the plain form has none: <c>text</c> / <c>ERROR msg</c>, or <c>id:OK:text</c> / <c>id:ERR:msg</c>.</summary>
    public string? Format(string? id) => (id, Succeeded) switch
    {
        (null, true) => Text,
        (null, false) => $"ERROR {Text}",
        (_, true) => $"{id}:OK:{Text}",
        (_, false) => $"{id}:ERR:{Text}",
    };
}
