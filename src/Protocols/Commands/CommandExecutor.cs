using System.Globalization;
using System.Text;

namespace Gateway.Protocols.Commands;

/// <summary>The command table of PROTOCOLS.md "commands".</summary>
public sealed class CommandExecutor(TimeProvider time)
{
    public static readonly int[] SupportedVersions = [1, 2];

    public const string Help =
        "Commands: ECHO <text>, UPPER <text>, REVERSE <text>, WORDS <text>, TIME, PING, HEARTBEAT, LOGIN <user>, WHOAMI, " +
        "VERSIONS:<a,b,...>, HELP, QUIT; or <id>:<COMMAND>:<args> for a tagged reply";

    public CommandResult Execute(CommandRequest request, CommandSession session) => request.Name.ToUpperInvariant() switch
    {
        "ECHO" => CommandResult.Ok(request.Arguments),
        "UPPER" => CommandResult.Ok(request.Arguments.ToUpperInvariant()),
        "REVERSE" => CommandResult.Ok(Reverse(request.Arguments)),
        "WORDS" => CommandResult.Ok(string.Join(' ', request.Arguments.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Reverse())),
        "TIME" => CommandResult.Ok(time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        "PING" => CommandResult.Ok("PONG"),
        "HEARTBEAT" => CommandResult.Ok(request.Id is null ? null : ""),
        "LOGIN" => LogIn(request.Arguments, session),
        "WHOAMI" => session.User is { } user ? CommandResult.Ok($"You are {user}") : CommandResult.Error("Not authenticated"),
        "VERSIONS" => Negotiate(request.Arguments),
        "HELP" => CommandResult.Ok(Help),
        "QUIT" => new CommandResult(true, "Goodbye", Close: true),
        var other => CommandResult.Error($"unknown command '{other}'"),
    };

    private static CommandResult LogIn(string arguments, CommandSession session)
    {
        var user = arguments.Trim();
        if (user.Length == 0 || user.Length > 64 || user.Any(char.IsWhiteSpace))
        {
            return CommandResult.Error("LOGIN requires a user name (1-64 characters, no spaces)");
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
