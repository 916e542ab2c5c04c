using System.ComponentModel;
using System.Diagnostics;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>Runs an external program to completion and collects what it printed.</summary>
public static class Command
{
    /// <summary>
    /// What a program did: <see cref="Output"/> is its standard output then its standard error;
    /// <see cref="StandardOutput"/> alone, for a program that prints its warnings to standard error.
    /// </summary>
    public sealed record Result(int ExitCode, string Output, string StandardOutput = "")
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <returns>The exit code and output; exit code -1 when the program could not be started at all.</returns>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(timeout);
            var standardOutput = await output;
            return new Result(process.ExitCode, standardOutput + await errors, standardOutput);
        }
        catch (Win32Exception exception)
        {
            return new Result(-1, $"{program} could not run: {exception.Message}");
        }
    }
}
