using Gateway.Data;

namespace Gateway.Users;

public static class UserServices
{
    /// <summary>The user store, and the fastest lookup the configured database allows.</summary>
    public static void AddUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<UserStore>();
        if ((configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).IsPostgres)
        {
            services.AddScoped<IUserLookup, EfUserLookup>();
        }
        else
        {
            services.AddSingleton<IUserLookup, SqliteUserLookup>();
        }
    }
}
