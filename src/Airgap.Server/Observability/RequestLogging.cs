using System.Diagnostics;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Observability;

/// <summary>
/// One <see cref="RequestRecord"/> per request, filled on the way down and, when the response is done, logged as one
/// line, kept for /api/airgap/requests and counted in the metrics.
/// </summary>
public static partial class RequestLogging
{
    /// <summary>The logger category of request lines.</summary>
    public const string Category = "Airgap.Server.Requests";

    public static IApplicationBuilder UseRequestRecords(this IApplicationBuilder app)
    {
        var records = app.ApplicationServices.GetRequiredService<RequestRecords>();
        var metrics = app.ApplicationServices.GetRequiredService<AirgapMetrics>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var record = new RequestRecord { Time = DateTimeOffset.UtcNow, Method = context.Request.Method };
            var started = Stopwatch.StartNew();
            var failed = false;
            context.Features.Set(record);
            records.Current = record;
            try
            {
                await next(context);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                record.Total = started.Elapsed;
                // An exception past the error fallback (a response already started) ends the connection: the server failed.
                record.Status = failed ? StatusCodes.Status500InternalServerError : record.EquivalentStatus ?? context.Response.StatusCode;
                record.Route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(none)";
                record.KeyId = ApiKeyAuthentication.Identity(context);
                records.Current = null;
                Finish(record, records, metrics, logger);
            }
        });
    }

    private static void Finish(RequestRecord record, RequestRecords records, AirgapMetrics metrics, ILogger logger)
    {
        // A stream that failed after its first byte was sent with 200 and an in-band error: a refusal all the same.
        (string Code, string Reason)? refusal = record.Status >= 400 ? record.Refusal ?? (CodeOf(record.Status), "") : record.Refusal;
        metrics.RequestFinished(record, refusal?.Code);
        LogRequest(logger, IsProbe(record) ? LogLevel.Debug : LogLevel.Information, record.Method, record.Route,
            record.Model ?? record.RequestedModel ?? "-", record.Status, record.PromptTokens, record.GeneratedTokens,
            Milliseconds(record.QueueWait), Milliseconds(record.TimeToFirstToken), Milliseconds(record.Total), record.Priority, record.KeyId);
        if (refusal is var (code, reason))
            LogRefusal(logger, record.Status is >= 500 or < 400 ? LogLevel.Warning : LogLevel.Information, record.Method, record.Route, record.Status,
                code, reason, record.KeyId);
        // Last: a request listed is one already logged and counted.
        records.Add(record);
    }

    // A scrape or a health probe every few seconds would bury the requests people make; they stay in the metrics and the list.
    private static bool IsProbe(RequestRecord record) =>
        record.Status < 400 && record.Method == HttpMethods.Get && (record.Route == "/metrics" || record.Route.StartsWith("/health", StringComparison.Ordinal));

    // Refusals written outside the error mappers (API keys, a bare status) still get a code to count by.
    private static string CodeOf(int status) => status switch
    {
        401 => "invalid_api_key",
        403 => "insufficient_scope",
        404 => "not_found",
        _ => $"http_{status}",
    };

    internal static double Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds, 1);

    internal static double? Milliseconds(TimeSpan? time) => time is { } t ? Milliseconds(t) : null;

    [LoggerMessage(EventId = 1, EventName = "Request",
        Message = "{Method} {Route} model={Model} status={Status} prompt_tokens={PromptTokens} generated_tokens={GeneratedTokens} " +
                  "queue_ms={QueueMs} ttft_ms={TtftMs} total_ms={TotalMs} priority={Priority} key={KeyId}")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string route, string model, int status, int? promptTokens,
        int? generatedTokens, double? queueMs, double? ttftMs, double totalMs, int? priority, string keyId);

    [LoggerMessage(EventId = 2, EventName = "Refusal", Message = "Refused {Method} {Route}: {Status} {Code} {Reason} key={KeyId}")]
    private static partial void LogRefusal(ILogger logger, LogLevel level, string method, string route, int status, string code, string reason, string keyId);
}
