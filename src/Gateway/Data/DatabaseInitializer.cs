using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

/// <summary>
/// Brings the schema up to date at start, before any listener accepts a request: every table and index of the
/// model is created if it does not exist yet, so a database made by an earlier version gains the tables added
/// since. (Additive only: a changed column needs a real migration.)
/// </summary>
public sealed partial class DatabaseInitializer(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<GatewayDbContext>().Database;
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync(SqliteDatabase.FilePragmas, cancellationToken);
        }

        if (await database.EnsureCreatedAsync(cancellationToken))
        {
            return;
        }

        foreach (var statement in Statements(database.GenerateCreateScript()))
        {
            await database.ExecuteSqlRawAsync(IfNotExists().Replace(statement, "CREATE $1 IF NOT EXISTS "), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<string> Statements(string script) =>
        script.Split(';').Select(s => s.Trim()).Where(s => s.StartsWith("CREATE", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^CREATE ((?:UNIQUE )?INDEX|TABLE) ", RegexOptions.IgnoreCase)]
    private static partial Regex IfNotExists();
}
