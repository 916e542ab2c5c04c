using Gateway.Data;

namespace Gateway.Users;

public static class UserServices
{
    /// <summary>The user store, the fastest lookup the configured database allows, and the cache of its replies.</summary>
    public static void AddUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<UserStore>();
        if ((configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).IsPostgres)
        {
            services.AddScoped<IUserLookup, EfUserLookup>();
            services.AddSingleton<IDatabaseCommits, UnknownCommits>();
        }
        else
        {
            services.AddSingleton<IUserLookup, SqliteUserLookup>();
            services.AddSingleton<IDatabaseCommits, SqliteCommits>();
        }

        services.AddSingleton<UserReplyCache>();
    }
}
