namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests: <c>GATEWAY_TEST_POSTGRES</c> when set, otherwise a private throwaway cluster
/// for this test run (<see cref="ThrowawayPostgres"/>).
/// </summary>
public static class PostgresServer
{
    public const string Variable = "GATEWAY_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Connection = new(StartAsync);

    /// <summary>A connection string (without a database) for a role that may create databases.</summary>
    public static Task<string> ConnectionStringAsync() => Connection.Value;

    private static Task<string> StartAsync() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? Task.FromResult(configured) : ThrowawayPostgres.StartAsync();
}
