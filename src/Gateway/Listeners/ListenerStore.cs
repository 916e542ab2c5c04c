using System.Text.Json;
using Gateway.Protocols.Settings;

namespace Gateway.Listeners;

/// <summary>
/// The listeners created through the admin API, saved in the data directory (<c>listeners.json</c>) so that they come
/// back after a restart. Written whole to a temporary file and moved into place, so a crash never leaves half a file.
/// </summary>
public sealed class ListenerStore(DataDirectory data)
{
    public const string FileName = "listeners.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public IReadOnlyDictionary<string, ListenerDefinition> Load()
    {
        var path = data.File(FileName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, ListenerDefinition>();
        }

        var saved = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path)) ?? [];
        return saved.ToDictionary(entry => entry.Key, entry => new ListenerDefinition(entry.Value), StringComparer.OrdinalIgnoreCase);
    }

    public void Save(IReadOnlyDictionary<string, ListenerDefinition> listeners)
    {
        var path = data.File(FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(
            listeners.ToDictionary(entry => entry.Key, entry => entry.Value.Values),
            Indented));
        File.Move(temporary, path, overwrite: true);
    }
}
