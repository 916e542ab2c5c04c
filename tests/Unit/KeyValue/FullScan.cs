using System.Text;
using Gateway.Protocols.KeyValue;

namespace Gateway.Tests.Unit.KeyValue;

/// <summary>A whole SCAN iteration, from cursor 0 back to 0, as a client runs it.</summary>
internal static class FullScan
{
    /// <summary>The keys returned, in order, with <paramref name="betweenSteps"/> run after each step as other clients' writes.</summary>
    public static List<string> Keys(KeyValueStore store, string pattern, int count, Action<int>? betweenSteps = null)
    {
        var found = new List<string>();
        var cursor = 0L;
        var step = 0;
        do
        {
            var page = store.Scan(cursor, Encoding.ASCII.GetBytes(pattern), count);
            found.AddRange(page.Keys.Select(Encoding.ASCII.GetString));
            cursor = page.NextCursor;
            betweenSteps?.Invoke(step++);
        }
        while (cursor != 0);

        return found;
    }
}
