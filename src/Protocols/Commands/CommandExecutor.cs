using System.Globalization;
using System.Text;
using Gateway.Protocols.Authentication;
using Microsoft.Extensions.Logging;

namespace Gateway.Protocols.Commands;

/// <summary>The command table of PROTOCOLS.md "commands".</summary>
public sealed class CommandExecutor(TimeProvider time, ILogger logger)
{
    private static readonly CommandResult WrongCredentials = CommandResult.Error("Invalid user name or password");
    public static readonly int[] SupportedVersions = [1, 2];

    public const string Help =
        "Commands: ECHO <text>, UPPER <text>, REVERSE <text>, WORDS <text>, TIME, PING, HEARTBEAT, LOGIN <user> <password>, WHOAMI, " +
        "VERSIONS:<a,b,...>, HELP, QUIT; or <id>:<COMMAND>:<args> for a tagged reply";

    /// <summary>Every command's result is ready at once but LOGIN's, whose password check runs on the thread pool.</summary>
    public ValueTask<CommandResult> ExecuteAsync(CommandRequest request, CommandSession session) =>
        request.Name.Equals("LOGIN", StringComparison.OrdinalIgnoreCase) ? LogInAsync(request.Arguments, session) : new(Execute(request, session));

    private CommandResult Execute(CommandRequest request, CommandSession session) => request.Name.ToUpperInvariant() switch
    {
        "ECHO" => CommandResult.Ok(request.Arguments),
        "UPPER" => CommandResult.Ok(request.Arguments.ToUpperInvariant()),
        "REVERSE" => CommandResult.Ok(Reverse(request.Arguments)),
        "WORDS" => CommandResult.Ok(string.Join(' ', request.Arguments.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Reverse())),
        "TIME" => CommandResult.Ok(time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        "PING" => CommandResult.Ok("PONG"),
        "HEARTBEAT" => CommandResult.Ok(request.Id is null ? null : ""),
        "WHOAMI" => session.User is { } user ? CommandResult.Ok($"You are {user}") : CommandResult.Error("Not authenticated"),
        "VERSIONS" => Negotiate(request.Arguments),
        "HELP" => CommandResult.Ok(Help),
        "QUIT" => new CommandResult(true, "Goodbye", Close: true),
        var other => CommandResult.Error($"unknown command '{other}'"),
    };

    /// <summary><c>LOGIN &lt;user&gt; &lt;password&gt;</c>: the password is the rest of the line after the name and one space.</summary>
    private async ValueTask<CommandResult> LogInAsync(string arguments, CommandSession session)
    {
        var accounts = session.Connection.Settings.ProtocolOptions<CommandsOptions>().Accounts;
        if (accounts.IsEmpty)
        {
            return CommandResult.Error("LOGIN is not enabled: this listener has no users");
        }

        var space = arguments.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space == arguments.Length - 1)
        {
            return CommandResult.Error("LOGIN requires a user name and a password");
        }

        var name = arguments[..space];
        if (await accounts.AuthenticateAsync(name, Encoding.UTF8.GetBytes(arguments[(space + 1)..])) is not { } user)
        {
            Logins.Failed(logger, session.Connection, name);
            return WrongCredentials;
        }

        session.LogIn(user);
        return CommandResult.Ok($"OK: Logged in as {user}");
    }

    private static CommandResult Negotiate(string offered)
    {
        var best = offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0)
            .Where(SupportedVersions.Contains)
            .DefaultIfEmpty(0)
            .Max();
        return best > 0
            ? CommandResult.Ok($"USE:{best}")
            : CommandResult.Error($"no common version; supported: {string.Join(',', SupportedVersions)}");
    }

    private static string Reverse(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        elements.Reverse();
        return new StringBuilder(text.Length).AppendJoin("", elements).ToString();
    }
}
