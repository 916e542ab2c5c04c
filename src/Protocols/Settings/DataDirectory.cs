using Microsoft.Extensions.Configuration;

namespace Gateway.Protocols.Settings;

/// <summary>
/// Where the Gateway keeps its files (the SQLite database, the generated admin key, the stream files): <c>Gateway:DataDirectory</c>,
/// relative to the working directory unless absolute; created on first use.
/// </summary>
public sealed class DataDirectory(IConfiguration configuration)
{
    public const string Key = "Gateway:DataDirectory";

    private readonly Lazy<string> _path = new(() =>
    {
        var path = System.IO.Path.GetFullPath(configuration[Key] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(path);
        return path;
    });

    public string Path => _path.Value;

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
