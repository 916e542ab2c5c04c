using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Data;

public static class DatabaseSetup
{
    public static void AddGatewayDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<WriteGate>();
        // Pooled: the options are built once, and a request reuses a context instead of building one (a profile of
        // /api/health showed options and context construction as its top cost).
        services.AddDbContextPool<GatewayDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.IsPostgres)
            {
                options.UseNpgsql(provider.GetRequiredService<IConfiguration>().GetConnectionString("Gateway"));
            }
            else
            {
                options.UseSqlite(provider.GetRequiredService<SqliteDatabase>().ConnectionString).AddInterceptors(SqliteDatabase.Pragmas.Instance);
            }
        });
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>Configuration mistakes of the <c>Database</c> section, for the start-up check.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = database.Provider;
        if (!provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase) && !provider.Equals(DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Database:Provider '{provider}' is not 'Sqlite' or 'Postgres'.";
        }
        else if (provider.Equals(DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Gateway")))
        {
            yield return "Database:Provider is 'Postgres' but ConnectionStrings:Gateway is empty.";
        }
    }
}
