using System.Buffers;
using System.Text.Json;
using Airgap.Grpc.V1;
using Airgap.Inference.Errors;
using Airgap.Server.Endpoints;
using Airgap.Server.Ollama;
using Google.Protobuf.WellKnownTypes;

namespace Airgap.Server.Grpc;

/// <summary>
/// gRPC's typed fields as the Ollama fields the REST endpoints check (so both are checked, defaulted and refused alike),
/// and Ollama's lines back as gRPC messages.
/// </summary>
internal static class GrpcTranslation
{
    /// <summary>The set fields of <paramref name="options"/> as Ollama's <c>options</c> object.</summary>
    public static Dictionary<string, JsonElement>? Options(Options? options)
    {
        if (options is null) return null;
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (options.HasTemperature) result["temperature"] = Element(w => w.WriteNumberValue(options.Temperature));
        if (options.HasTopP) result["top_p"] = Element(w => w.WriteNumberValue(options.TopP));
        if (options.HasTopK) result["top_k"] = Element(w => w.WriteNumberValue(options.TopK));
        if (options.HasSeed) result["seed"] = Element(w => w.WriteNumberValue(options.Seed));
        if (options.HasNumPredict) result["num_predict"] = Element(w => w.WriteNumberValue(options.NumPredict));
        if (options.HasNumCtx) result["num_ctx"] = Element(w => w.WriteNumberValue(options.NumCtx));
        if (options.Stop.Count > 0)
        {
            result["stop"] = Element(w =>
            {
                w.WriteStartArray();
                foreach (var stop in options.Stop) w.WriteStringValue(stop);
                w.WriteEndArray();
            });
        }
        return result;
    }

    /// <summary>keep_alive as Ollama's string form (a duration or a number of seconds); null when unset.</summary>
    public static JsonElement? KeepAlive(bool has, string value) => has ? Element(w => w.WriteStringValue(value)) : null;

    /// <summary>The format: empty for none, "json", or a JSON schema written as JSON text.</summary>
    public static JsonElement? Format(string format)
    {
        if (format.Length == 0) return null;
        if (!format.TrimStart().StartsWith('{')) return Element(w => w.WriteStringValue(format));
        try
        {
            using var schema = JsonDocument.Parse(format);
            return schema.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException("format", $"is not valid JSON: {e.Message}");
        }
    }

    /// <summary>A chat request's messages as Ollama's, which the REST translation turns into the pipeline's.</summary>
    public static List<OllamaMessage?> Messages(IEnumerable<Message> messages) => [.. messages.Select(m => new OllamaMessage(m.Role, m.Content))];

    public static GenerateResponse ToGenerate(OllamaResponse line) => new()
    {
        Model = line.Model,
        CreatedAt = Timestamp.FromDateTimeOffset(line.CreatedAt),
        Response = line.Response ?? "",
        Done = line.Done,
        DoneReason = line.DoneReason ?? "",
        TotalDuration = line.TotalDuration ?? 0,
        LoadDuration = line.LoadDuration ?? 0,
        PromptEvalCount = line.PromptEvalCount ?? 0,
        PromptEvalDuration = line.PromptEvalDuration ?? 0,
        EvalCount = line.EvalCount ?? 0,
        EvalDuration = line.EvalDuration ?? 0,
    };

    public static ChatResponse ToChat(OllamaResponse line) => new()
    {
        Model = line.Model,
        CreatedAt = Timestamp.FromDateTimeOffset(line.CreatedAt),
        Message = new Message { Role = line.Message?.Role ?? "assistant", Content = line.Message?.Content ?? "" },
        Done = line.Done,
        DoneReason = line.DoneReason ?? "",
        TotalDuration = line.TotalDuration ?? 0,
        LoadDuration = line.LoadDuration ?? 0,
        PromptEvalCount = line.PromptEvalCount ?? 0,
        PromptEvalDuration = line.PromptEvalDuration ?? 0,
        EvalCount = line.EvalCount ?? 0,
        EvalDuration = line.EvalDuration ?? 0,
    };

    public static ListModelsResponse ToModels(OllamaTagsResponse tags)
    {
        var response = new ListModelsResponse();
        foreach (var m in tags.Models)
        {
            var details = new ModelDetails
            {
                Format = m.Details.Format,
                Family = m.Details.Family,
                ParameterSize = m.Details.ParameterSize,
                QuantizationLevel = m.Details.QuantizationLevel,
            };
            details.Families.AddRange(m.Details.Families);
            response.Models.Add(new ModelInfo
            {
                Name = m.Name, Model = m.Model, ModifiedAt = Timestamp.FromDateTimeOffset(m.ModifiedAt), Size = m.Size, Digest = m.Digest, Details = details,
            });
        }
        return response;
    }

    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
