using System.Text.Json;
using Gateway.Protocols.Settings;

namespace Gateway.Admin;

public static class SettingsProblems
{
    /// <summary>A 400 validation problem with each mistake under its key in snake_case (<c>keep_alive.idle</c>).</summary>
    public static IResult ToValidationProblem(IEnumerable<SettingsProblem> problems) => Results.ValidationProblem(problems
        .GroupBy(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key.Replace(':', '.')))
        .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
