using System.Diagnostics;
using System.Globalization;
using Gateway.LoadGenerator;

// A load generator for the Gateway: N connections, each sending pipelines of requests for a fixed time.
// Prints a live progress line, then a markdown table row. Chat fan-out and idle connections have their own rows.
var options = LoadOptions.Parse(args);
if (options.Scenario == "udp-echo")
{
    Console.WriteLine(DatagramEcho.Run(options));
    return;
}

if (options.Scenario is "chat" or "idle")
{
    Console.WriteLine(options.Scenario == "chat" ? await ChatFanOut.RunAsync(options).ConfigureAwait(false) : await IdleConnections.RunAsync(options).ConfigureAwait(false));
    return;
}

var recorders = Enumerable.Range(0, options.Connections).Select(_ => new Recorder()).ToArray();
using var stop = new CancellationTokenSource(options.Duration);
using var http = options.Scenario.StartsWith("http", StringComparison.Ordinal) ? Workers.CreateHttpClient(options) : null;
var started = Stopwatch.GetTimestamp();
var workers = recorders.Select((recorder, index) => http is null
    ? Task.Run(() => Workers.SocketAsync(options, index, recorder, stop.Token))
    : Task.Run(() => Workers.HttpAsync(options, http, recorder, stop.Token))).ToArray();

var previous = 0L;
while (!stop.IsCancellationRequested)
{
    await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    var now = recorders.Sum(r => r.Messages);
    Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{Stopwatch.GetElapsedTime(started).TotalSeconds,4:0}s] {now - previous,10:N0} msg/s  errors {recorders.Sum(r => r.Errors)}   "));
    previous = now;
}

await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
Console.Error.WriteLine();
var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
var latencies = new LatencySummary(recorders.SelectMany(r => r.Latencies));
var messages = recorders.Sum(r => r.Messages);
var megabytes = recorders.Sum(r => r.Bytes) / 1024.0 / 1024.0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {options.Scenario} | {options.Connections} | {options.Pipeline} | {options.Size} | {messages / elapsed:N0} | {megabytes / elapsed:N1} | {latencies.Milliseconds(0.5):0.###} | {latencies.Milliseconds(0.99):0.###} | {latencies.Milliseconds(0.999):0.###} | {recorders.Sum(r => r.Errors)} |"));
