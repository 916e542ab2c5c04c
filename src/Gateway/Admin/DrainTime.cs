using System.Globalization;

namespace Gateway.Admin;

/// <summary>The <c>drain</c> query value: seconds or minutes with a unit (<c>30s</c>, <c>2m</c>), a bare number of seconds, or a time span.</summary>
public static class DrainTime
{
    public const string Expected = "must be a duration such as 30s, 2m or 0, at most one hour.";

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static bool TryParse(string? text, TimeSpan fallback, out TimeSpan drain)
    {
        drain = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var (number, unit) = text[^1] switch
        {
            's' => (text[..^1], 1),
            'm' => (text[..^1], 60),
            _ => (text, 1),
        };
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            drain = TimeSpan.FromSeconds(value * unit);
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out drain))
        {
            return false;
        }

        return drain >= TimeSpan.Zero && drain <= Longest;
    }
}
