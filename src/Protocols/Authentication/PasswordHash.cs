using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Protocols.Authentication;

/// <summary>
/// A salted PBKDF2-HMAC-SHA256 password hash as configuration stores it: <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;key&gt;</c>,
/// salt and key in base64. The iterations travel with the hash, so raising the default later keeps old hashes valid.
/// </summary>
public sealed class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Fewer makes a stolen configuration cheap to brute-force.</summary>
    public const int MinIterations = 10_000;

    private const int SaltLength = 16;
    private const int KeyLength = 32;

    private readonly byte[] _salt;
    private readonly byte[] _key;

    private PasswordHash(int iterations, byte[] salt, byte[] key)
    {
        Iterations = iterations;
        _salt = salt;
        _key = key;
    }

    public int Iterations { get; }

    public static string Create(string password, int iterations = DefaultIterations) =>
        From(Encoding.UTF8.GetBytes(password), iterations).ToString();

    /// <summary>A hash of <paramref name="password"/> with a fresh random salt.</summary>
    public static PasswordHash From(ReadOnlySpan<byte> password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return new(iterations, salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, KeyLength));
    }

    /// <summary>Reads the stored form; false (with why in <paramref name="problem"/>) for anything else.</summary>
    public static bool TryParse(string? text, out PasswordHash hash, out string problem)
    {
        hash = null!;
        var parts = (text ?? "").Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            problem = $"is not a password hash ({Scheme}$<iterations>$<salt>$<key>; make one with 'Gateway hash-password').";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < MinIterations)
        {
            problem = $"needs at least {MinIterations} iterations.";
            return false;
        }

        var salt = new byte[parts[2].Length];
        var key = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength < 8
            || !Convert.TryFromBase64String(parts[3], key, out var keyLength) || keyLength < 16)
        {
            problem = "has an unreadable salt or key (base64, at least 8 and 16 bytes).";
            return false;
        }

        hash = new(iterations, salt[..saltLength], key[..keyLength]);
        problem = "";
        return true;
    }

    /// <summary>Derives the key of <paramref name="password"/> and compares it in constant time. Costly by design: never on a socket thread.</summary>
    public bool Verify(ReadOnlySpan<byte> password)
    {
        Span<byte> derived = stackalloc byte[_key.Length];
        Rfc2898DeriveBytes.Pbkdf2(password, _salt, derived, Iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(derived, _key);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_key)}");
}
