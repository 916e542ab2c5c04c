namespace Gateway.Protocols.Authentication;

/// <summary>One user of a listener, under its <c>Users:&lt;name&gt;</c> key: whether it may log in, and its password's hash.</summary>
public class UserOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A <see cref="Authentication.PasswordHash"/> in its stored form; never the password itself.</summary>
    public string? PasswordHash { get; set; }
}
