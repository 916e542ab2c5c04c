using Microsoft.Extensions.Configuration;

namespace Gateway.Protocols.Settings;

/// <summary>
/// Binds a listener's section to an options class, reporting unreadable values per key instead of throwing: the
/// binder's own exception names only the first bad value, and the admin API answers with every field at once.
/// </summary>
public static class SettingsBinder
{
    public static T Bind<T>(IConfiguration section, ICollection<SettingsProblem> problems)
        where T : class, new()
    {
        try
        {
            return section.Get<T>() ?? new T();
        }
        catch (InvalidOperationException)
        {
            // Property by property: the readable values are kept, so that the checks that follow still see them.
            var options = new T();
            foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
            {
                try
                {
                    if (section.GetSection(property.Name).Get(property.PropertyType) is { } value)
                    {
                        property.SetValue(options, value);
                    }
                }
                catch (InvalidOperationException)
                {
                    problems.Add(new SettingsProblem(property.Name, $"'{section[property.Name]}' is not a valid {Describe(property.PropertyType)}."));
                }
            }

            return options;
        }
    }

    /// <summary>Binds and validates a protocol's own options.</summary>
    public static T BindProtocolOptions<T>(IConfiguration section, ICollection<SettingsProblem> problems)
        where T : class, IProtocolOptions, new()
    {
        var before = problems.Count;
        var options = Bind<T>(section, problems);
        if (problems.Count == before)
        {
            foreach (var problem in options.Validate())
            {
                problems.Add(problem);
            }
        }

        return options;
    }

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "whole number",
        var t when t == typeof(TimeSpan) => "time span (hh:mm:ss)",
        var t when t == typeof(bool) => "boolean",
        var t => t.Name,
    };
}
