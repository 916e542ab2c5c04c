using System.Net.Mail;

namespace Gateway.Users;

/// <summary>What a valid user looks like (ADMIN-API.md "Users"); each rule reports its field's error.</summary>
public static class UserRules
{
    public const int MinUsernameLength = 3;
    public const int MaxUsernameLength = 32;
    public const int MaxEmailLength = 254;
    public const int MaxAge = 150;

    public static string? CheckUsername(string? username) =>
        username is null ? "username is required."
        : username.Length is < MinUsernameLength or > MaxUsernameLength || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            ? $"username must be {MinUsernameLength}-{MaxUsernameLength} characters of letters, digits, '_', '.' or '-'."
            : null;

    public static string? CheckEmail(string? email) =>
        email is null ? "email is required."
        : IsValidEmail(email) ? null
        : "email must be a valid address such as alice@example.com.";

    public static string? CheckAge(int? age) => age is < 0 or > MaxAge ? $"age must be between 0 and {MaxAge}." : null;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static bool IsValidEmail(string email)
    {
        email = email.Trim();
        return email.Length <= MaxEmailLength
            && MailAddress.TryCreate(email, out var address)
            && address.Address == email
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
