using System.Text.RegularExpressions;

namespace Gateway.Protocols.Commands;

/// <summary>
/// One request line: <c>COMMAND [args]</c>, or <c>&lt;id&gt;:&lt;COMMAND&gt;[:&lt;args&gt;]</c> with a client-chosen id
/// (1–64 characters, no <c>:</c> and no white space; COMMAND letters only). Any other line is the plain form.
/// </summary>
public sealed partial record CommandRequest(string? Id, string Name, string Arguments)
{
    public static CommandRequest Parse(string line)
    {
        var tagged = TaggedForm().Match(line);
        if (tagged.Success)
        {
            return new CommandRequest(tagged.Groups["id"].Value, tagged.Groups["name"].Value, tagged.Groups["args"].Value);
        }

        var text = line.TrimStart();
        var space = text.IndexOfAny([' ', '\t']);
        var (name, arguments) = space < 0 ? (text, "") : (text[..space], text[(space + 1)..]);

        // VERSIONS:<list> is one word in the plain form.
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && name[..colon].Equals("VERSIONS", StringComparison.OrdinalIgnoreCase)
            ? new CommandRequest(null, name[..colon], name[(colon + 1)..])
            : new CommandRequest(null, name, arguments);
    }

    [GeneratedRegex(@"^(?<id>[^:\s]{1,64}):(?<name>[A-Za-z]+)(?::(?<args>.*))?$", RegexOptions.Singleline)]
    private static partial Regex TaggedForm();
}
