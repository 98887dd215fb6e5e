using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Airgap.Server.Ollama;
using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Wire;

/// <summary>Ollama's streaming: one JSON object per line, flushed as each is produced.</summary>
public sealed class NdjsonResult<T>(IAsyncEnumerable<T> items, JsonTypeInfo<T> type) : IResult
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = "application/x-ndjson";
        var body = context.Response.Body;
        try
        {
            await foreach (var item in items.WithCancellation(context.RequestAborted))
            {
                await JsonSerializer.SerializeAsync(body, item, type, context.RequestAborted);
                await body.WriteAsync(NewLine, context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception e) when (ApiErrors.ClientLeft(e, context))
        {
            // The client left; disposing the enumerator above already cancelled its sequence.
        }
        catch (Exception e)
        {
            // After the first byte the status is sent: report in band as Ollama does, {"error": "..."}, then close.
            var error = ApiErrors.Classify(e);
            ApiErrors.LogUnexpected(context, e, error);
            Observability.RequestRecord.Of(context)?.Refused(error.Code ?? error.Type, error.Message);
            await JsonSerializer.SerializeAsync(body, new OllamaError(error.Message), OllamaJsonContext.Plain.OllamaError);
            await body.WriteAsync(NewLine);
        }
    }
}
