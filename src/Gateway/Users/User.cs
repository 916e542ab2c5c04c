namespace Gateway.Users;

public sealed class User
{
    public long Id { get; set; }

    public string Username { get; set; } = "";

    /// <summary>As the user gave it.</summary>
    public string Email { get; set; } = "";

    /// <summary>Trimmed and lower-cased: what uniqueness and search use.</summary>
    public string NormalizedEmail { get; set; } = "";

    public int? Age { get; set; }

    public DateTime CreatedAt { get; set; }
}
