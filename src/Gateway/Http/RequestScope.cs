using System.Collections;

namespace Gateway.Http;

/// <summary>
/// The logging scope of one request: its id as the one property every log line of the request carries. A list of one
/// pair rather than a dictionary, since a scope is created for every request whether or not anything logs.
/// </summary>
internal sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"RequestId:{requestId}";
}
