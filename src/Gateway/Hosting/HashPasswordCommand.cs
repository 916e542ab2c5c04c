using Gateway.Protocols.Authentication;

namespace Gateway.Hosting;

/// <summary>
/// <c>Gateway hash-password</c>: reads a password from standard input (its first line, so that it shows in neither the
/// command line nor the shell's history) and prints the hash that <c>Users:&lt;name&gt;:PasswordHash</c> takes.
/// </summary>
public static class HashPasswordCommand
{
    public const string Name = "hash-password";

    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine($"{Name}: no password on standard input; for example: printf '%s' 'my password' | Gateway {Name}");
            return 2;
        }

        output.WriteLine(PasswordHash.Create(password));
        return 0;
    }
}
