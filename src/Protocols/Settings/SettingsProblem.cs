namespace Gateway.Protocols.Settings;

/// <summary>One mistake in a listener's settings: the key it concerns (relative to the listener's section) and what is wrong.</summary>
public sealed record SettingsProblem(string Key, string Message)
{
    /// <summary>The problem as one sentence under <paramref name="section"/> (e.g. <c>Gateway:Listeners:echo</c>).</summary>
    public string Describe(string section) => Key.Length == 0 ? $"{section}: {Message}" : $"{section}:{Key} {Message}";
}
