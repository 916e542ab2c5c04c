using Serilog;

namespace Gateway.Hosting;

public static class SerilogSetup
{
    /// <summary>
    /// Serilog, configured from the <c>Serilog</c> section, as the logging provider (GatewayHost removes the defaults). (Serilog.AspNetCore cannot be
    /// restored here; Serilog.Extensions.Logging is what it would wire up anyway.)
    /// </summary>
    public static void AddGatewayLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .CreateLogger();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
