using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>A Serilog sink that collects every event of the host it is added to.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Line = new("{Level}: {Message:lj}{NewLine}{Exception}");

    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    /// <summary>Every event <see cref="Render">rendered</see>, one after the other.</summary>
    public string Text => string.Join("\n", _events.Select(Render));

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary><c>Level: message</c> as the console shows it, the exception's text on the lines after it.</summary>
    public static string Render(LogEvent logEvent)
    {
        using var text = new StringWriter();
        Line.Format(logEvent, text);
        return text.ToString().TrimEnd('\n');
    }
}
