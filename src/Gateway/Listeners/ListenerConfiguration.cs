using Gateway.Listeners.Tls;
using Gateway.Protocols;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;

namespace Gateway.Listeners;

/// <summary>
/// Reads listener entries — from <c>Gateway:Listeners</c> or an admin API body — into <see cref="ListenerSettings"/>:
/// the shared options, then the protocol's own, with every mistake reported under its key.
/// </summary>
public sealed class ListenerConfiguration(ProtocolCatalog protocols, ServerCertificates certificates)
{
    public const string Section = "Gateway:Listeners";

    /// <summary>One entry; null when it has problems (added to <paramref name="problems"/>).</summary>
    public ListenerSettings? Read(IConfiguration entry, ICollection<SettingsProblem> problems)
    {
        var before = problems.Count;
        var options = SettingsBinder.Bind<ListenerOptions>(entry, problems);
        if (!protocols.TryGet(options.Protocol, out var protocol))
        {
            problems.Add(new(nameof(options.Protocol), $"'{options.Protocol}' is not a known protocol ({string.Join(", ", protocols.Names)})."));
        }

        foreach (var problem in ListenerOptionsRules.Validate(options))
        {
            problems.Add(problem);
        }

        var protocolOptions = protocol?.ReadOptions(entry, problems);
        if (protocol is not null)
        {
            foreach (var problem in TransportRules.Validate(options, protocol, protocolOptions))
            {
                problems.Add(problem);
            }
        }

        var tls = certificates.Load(options.Tls, problems);
        return problems.Count == before ? new ListenerSettings(protocol!, options, protocolOptions, tls) : null;
    }

    /// <summary>A definition's settings; null when it has problems (added to <paramref name="problems"/>).</summary>
    public ListenerSettings? Read(ListenerDefinition definition, ICollection<SettingsProblem> problems) => Read(definition.ToConfiguration(), problems);

    /// <summary>
    /// Every enabled entry of <c>Gateway:Listeners</c>; each problem, in any entry (enabled or not), is added to
    /// <paramref name="failures"/> as a sentence naming its full key.
    /// </summary>
    public IReadOnlyDictionary<string, ConfiguredListener> ReadAll(IConfiguration configuration, ICollection<string> failures)
    {
        var listeners = new Dictionary<string, ConfiguredListener>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var problems = new List<SettingsProblem>();
            var settings = Read(entry, problems);
            foreach (var problem in problems)
            {
                failures.Add(problem.Describe(entry.Path));
            }

            if (settings is { Options.Enabled: true })
            {
                listeners[entry.Key] = new ConfiguredListener(ListenerDefinition.From(entry), settings);
            }
        }

        // A TCP and a UDP listener may share a port number: they are different ports.
        foreach (var shared in listeners.Where(l => l.Value.Settings.Options.Port is not (null or 0)).GroupBy(l => (l.Value.Settings.Protocol.Transport, l.Value.Settings.Options.Port)).Where(g => g.Count() > 1))
        {
            failures.Add($"Listeners {string.Join(", ", shared.Select(l => $"'{l.Key}'"))} all use {shared.Key.Transport.ToString().ToUpperInvariant()} port {shared.Key.Port}.");
        }

        foreach (var shared in listeners.Where(l => l.Value.Settings.Options.Unix is not null).GroupBy(l => l.Value.Settings.Options.Unix).Where(g => g.Count() > 1))
        {
            failures.Add($"Listeners {string.Join(", ", shared.Select(l => $"'{l.Key}'"))} all use the unix socket {shared.Key}.");
        }

        return listeners;
    }
}

/// <summary>An enabled listener entry of the configuration: what it says, and its checked settings.</summary>
public sealed record ConfiguredListener(ListenerDefinition Definition, ListenerSettings Settings);
