using System.Globalization;
using Serilog;
using Serilog.Formatting.Compact;

namespace Gateway.Hosting;

public static class SerilogSetup
{
    public const string DefaultOutputTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog as the host's logging, configured from the <c>Serilog</c> section (levels, and any sink under
    /// <c>WriteTo</c>, such as a rolling file), plus any sink registered as a service. The console is written here, since
    /// its format is a switch rather than a sink's argument list: <c>Serilog:Formatter</c> is <c>text</c> (with
    /// <c>Serilog:OutputTemplate</c>), <c>json</c> (one compact JSON object a line, every property included) or
    /// <c>none</c>.
    /// </summary>
    public static void AddGatewayLogging(this WebApplicationBuilder builder) =>
        builder.Host.UseSerilog(
            (context, services, logger) =>
            {
                logger.ReadFrom.Configuration(context.Configuration).ReadFrom.Services(services);
                var section = context.Configuration.GetSection("Serilog");
                _ = section["Formatter"]?.ToLowerInvariant() switch
                {
                    null or "" or "text" => logger.WriteTo.Console(outputTemplate: section["OutputTemplate"] ?? DefaultOutputTemplate, formatProvider: CultureInfo.InvariantCulture),
                    "json" => logger.WriteTo.Console(new RenderedCompactJsonFormatter()),
                    "none" => logger,
                    var other => throw new InvalidOperationException($"Serilog:Formatter is '{other}'; it takes text, json or none."),
                };
            },
            // Each host keeps its own logger: tests run many in one process.
            preserveStaticLogger: true);
}
