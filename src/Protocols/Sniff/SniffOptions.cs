using Gateway.Protocols.Connections;
using Gateway.Protocols.Settings;

namespace Gateway.Protocols.Sniff;

/// <summary>A sniff listener's own settings: which listener each recognised protocol goes to, the TLS routes by server name, and the time a client has to show its protocol.</summary>
public sealed class SniffOptions : IProtocolOptions
{
    private Dictionary<string, string> _routes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a client has to send the bytes that decide its protocol (and, for HTTP, its request head).</summary>
    public TimeSpan SniffTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The listener RESP clients (<c>*</c>) are handed to.</summary>
    public string Resp { get; set; } = "resp";

    /// <summary>The listener packet clients (<c>DE AD BE EF</c>) are handed to.</summary>
    public string Packet { get; set; } = "packet";

    /// <summary>The listener JSON clients (<c>{</c>) are handed to.</summary>
    public string Json { get; set; } = "json";

    /// <summary>The listener every other client is handed to.</summary>
    public string Default { get; set; } = "commands";

    /// <summary>TLS clients by the server name they ask for (SNI; exact, or <c>*.example.org</c>) to a listener; other TLS clients are sniffed again once decrypted.</summary>
    public Dictionary<string, string> Routes
    {
        get => _routes;
        set => _routes = new Dictionary<string, string>(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The listener for a TLS client that asked for <paramref name="serverName"/>, if a route names one.</summary>
    public string? RouteFor(string? serverName) => ServerNames.TryFind(_routes, serverName, out var target) ? target : null;

    /// <summary>The listener for a plaintext (or decrypted) protocol.</summary>
    public string TargetOf(FirstBytesKind kind) => kind switch
    {
        FirstBytesKind.Resp => Resp,
        FirstBytesKind.Packet => Packet,
        FirstBytesKind.Json => Json,
        _ => Default,
    };

    public IEnumerable<SettingsProblem> Validate()
    {
        if (SniffTimeout <= TimeSpan.Zero)
        {
            yield return new SettingsProblem(nameof(SniffTimeout), "must be longer than zero.");
        }

        foreach (var (key, target) in new[] { (nameof(Resp), Resp), (nameof(Packet), Packet), (nameof(Json), Json), (nameof(Default), Default) })
        {
            if (string.IsNullOrWhiteSpace(target))
            {
                yield return new SettingsProblem(key, "must name a listener.");
            }
        }

        foreach (var (name, target) in _routes)
        {
            if (!ServerNames.IsValidKey(name))
            {
                yield return new SettingsProblem($"{nameof(Routes)}:{name}", "is not a host name (example.com) or a wildcard (*.example.org).");
            }
            else if (string.IsNullOrWhiteSpace(target))
            {
                yield return new SettingsProblem($"{nameof(Routes)}:{name}", "must name a listener.");
            }
        }
    }
}
