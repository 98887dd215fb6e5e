using Microsoft.Extensions.Logging;

namespace Airgap.Server.Observability;

/// <summary>The server's console log in the format asked for (setting <c>LogFormat</c>, <c>serve --log-format</c>).</summary>
public static class ConsoleLogging
{
    public static ILoggingBuilder AddAirgapConsole(this ILoggingBuilder logging, LogFormat format) => format == LogFormat.Json
        ? logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        })
        : logging.AddSimpleConsole(o => o.SingleLine = true);
}
