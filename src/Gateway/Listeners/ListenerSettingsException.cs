using Gateway.Protocols.Settings;

namespace Gateway.Listeners;

/// <summary>A listener definition from the admin API has mistakes; each names its key.</summary>
public sealed class ListenerSettingsException(IReadOnlyList<SettingsProblem> problems)
    : ArgumentException(string.Join(" ", problems.Select(p => p.Describe("listener"))))
{
    public IReadOnlyList<SettingsProblem> Problems { get; } = problems;
}
