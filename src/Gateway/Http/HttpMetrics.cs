using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.Http;

/// <summary>Request counts and duration histograms per method, route and status, for <c>/metrics</c>.</summary>
public sealed class HttpMetrics
{
    /// <summary>Upper bounds, in seconds, of the duration histogram's buckets.</summary>
    public static readonly double[] Buckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), Series> _series = new();

    public sealed class Series
    {
        private readonly long[] _buckets = new long[Buckets.Length];
        private long _count;
        private long _sumMicroseconds;

        public long Count => Interlocked.Read(ref _count);

        public double SumSeconds => Interlocked.Read(ref _sumMicroseconds) / 1_000_000.0;

        public long CumulativeCount(int bucket) => Interlocked.Read(ref _buckets[bucket]);

        internal void Add(TimeSpan elapsed)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _sumMicroseconds, (long)(elapsed.TotalMilliseconds * 1000));
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (elapsed.TotalSeconds <= Buckets[i])
                {
                    Interlocked.Increment(ref _buckets[i]);
                }
            }
        }
    }

    /// <summary>Records every request that passes through the rest of the pipeline.</summary>
    public static void UseHttpMetrics(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<HttpMetrics>();
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                metrics.Record(context.Request.Method, RouteTemplate.Of(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            }
        });
    }

    public void Record(string method, string route, int status, TimeSpan elapsed) =>
        _series.GetOrAdd((method, route, status), _ => new Series()).Add(elapsed);

    public IEnumerable<KeyValuePair<(string Method, string Route, int Status), Series>> Snapshot() =>
        _series.OrderBy(s => s.Key.Route, StringComparer.Ordinal).ThenBy(s => s.Key.Method, StringComparer.Ordinal).ThenBy(s => s.Key.Status);
}
