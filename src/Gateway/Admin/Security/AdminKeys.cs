using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Gateway.Protocols.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Admin.Security;

/// <summary>
/// The bearer keys the admin API accepts: <c>Admin:ApiKeys</c>, or else a key generated at first start and kept in
/// the data directory (readable by the owner only), so a fresh install is never open to the network.
/// Keys are compared by their SHA-256 digests in constant time.
/// </summary>
/// <remarks>
/// An <c>Authorization</c> header accepted once is remembered by reference: Kestrel hands a keep-alive connection the
/// same string for a header whose bytes did not change, so a client's later requests skip the hash (a profile showed
/// it as 2–3% of a users GET). The table holds its strings weakly, and only strings that held a valid key.
/// </remarks>
public sealed class AdminKeys
{
    public const string GeneratedKeyFile = "admin-api-key.txt";

    private const int StackLimit = 1024;

    private const string BearerPrefix = "Bearer ";

    private readonly byte[][] _digests;
    private readonly ConditionalWeakTable<string, object?> _acceptedHeaders = [];

    public AdminKeys(IOptions<AdminOptions> options, DataDirectory data, ILogger<AdminKeys> logger)
    {
        var configured = options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (configured.Count == 0)
        {
            configured.Add(LoadOrGenerate(data.File(GeneratedKeyFile), logger));
        }

        _digests = configured.Select(Digest).ToArray();
    }

    /// <summary>Whether an <c>Authorization</c> header is <c>Bearer</c> and a valid key.</summary>
    public bool IsValidBearer(string header)
    {
        if (_acceptedHeaders.TryGetValue(header, out _))
        {
            return true;
        }

        var valid = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && IsValid(header.AsSpan(BearerPrefix.Length).Trim());
        if (valid)
        {
            _acceptedHeaders.TryAdd(header, null);
        }

        return valid;
    }

    public bool IsValid(ReadOnlySpan<char> presented)
    {
        // On the stack for keys of ordinary length: this runs for every admin request.
        var size = Encoding.UTF8.GetMaxByteCount(presented.Length);
        Span<byte> utf8 = size <= StackLimit ? stackalloc byte[StackLimit] : new byte[size];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(presented, utf8)], digest);
        var valid = false;
        foreach (var known in _digests)
        {
            valid |= CryptographicOperations.FixedTimeEquals(digest, known);
        }

        return valid;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string LoadOrGenerate(string path, ILogger logger)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(key);
        }

        AdminLog.KeyGenerated(logger, path);
        return key;
    }
}
