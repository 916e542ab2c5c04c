using System.Globalization;
using System.Text.Json;

namespace Gateway.Listeners;

/// <summary>
/// A listener's entry as flat configuration keys relative to its section (<c>Protocol</c>, <c>MaxConnections</c>,
/// <c>KeepAlive:Idle</c>, ...): what the configuration file or an admin API body said, so that a change can be merged
/// onto it, compared with it and saved.
/// </summary>
public sealed class ListenerDefinition
{
    private readonly Dictionary<string, string> _values;

    public ListenerDefinition(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    public static ListenerDefinition From(IConfigurationSection section) => new(
        section.AsEnumerable(makePathsRelative: true)
            .Where(entry => entry.Value is not null)
            .Select(entry => KeyValuePair.Create(entry.Key, entry.Value!)));

    /// <summary>
    /// An admin API body: snake_case or PascalCase names (<c>max_connections</c> is <c>MaxConnections</c>), nested
    /// objects for nested keys; a null value removes the key when merged.
    /// </summary>
    public static ListenerDefinition FromJson(JsonElement body)
    {
        var values = new List<KeyValuePair<string, string>>();
        Flatten(body, "", values);
        return new ListenerDefinition(values);
    }

    private static void Flatten(JsonElement element, string key, List<KeyValuePair<string, string>> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name.Replace("_", "", StringComparison.Ordinal);
                    Flatten(property.Value, key.Length == 0 ? name : $"{key}:{name}", values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{key}:{index++.ToString(CultureInfo.InvariantCulture)}", values);
                }

                break;
            case JsonValueKind.String:
                values.Add(KeyValuePair.Create(key, element.GetString()!));
                break;
            case JsonValueKind.Null:
                values.Add(KeyValuePair.Create(key, Removed));
                break;
            default:
                values.Add(KeyValuePair.Create(key, element.GetRawText()));
                break;
        }
    }

    /// <summary>Marks a key an API body set to null, so that <see cref="With"/> drops it.</summary>
    private const string Removed = "\0";

    public string? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>This definition with <paramref name="changes"/> applied on top (a changed list replaces the whole list).</summary>
    public ListenerDefinition With(ListenerDefinition changes)
    {
        var merged = new Dictionary<string, string>(_values, StringComparer.OrdinalIgnoreCase);
        foreach (var prefix in changes._values.Keys.Select(ReplacedPrefix).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var replaced in merged.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                merged.Remove(replaced);
            }
        }

        foreach (var (key, value) in changes._values)
        {
            if (value == Removed)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return new ListenerDefinition(merged);
    }

    /// <summary>The keys a changed key replaces: its children, or for a list item (<c>Deny:0</c>) the whole list.</summary>
    private static string ReplacedPrefix(string key)
    {
        var last = key.LastIndexOf(':');
        return last > 0 && int.TryParse(key.AsSpan(last + 1), CultureInfo.InvariantCulture, out _) ? key[..(last + 1)] : key + ":";
    }

    public IConfiguration ToConfiguration() => new ConfigurationBuilder()
        .AddInMemoryCollection(_values.Where(v => v.Value != Removed).Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
        .Build();

    public bool SameAs(ListenerDefinition other) =>
        _values.Count == other._values.Count && _values.All(v => other._values.TryGetValue(v.Key, out var value) && value == v.Value);
}
