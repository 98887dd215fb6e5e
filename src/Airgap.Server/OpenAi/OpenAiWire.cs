using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.OpenAi;

public sealed record OpenAiFunctionCall(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("arguments")] string? Arguments);

public sealed record OpenAiToolCall(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("function")] OpenAiFunctionCall? Function,
    [property: JsonPropertyName("index"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index = null);

public sealed record OpenAiRequestMessage(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] JsonElement? Content,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<OpenAiToolCall?>? ToolCalls,
    [property: JsonPropertyName("tool_call_id")] string? ToolCallId);

public sealed record OpenAiFunctionDefinition(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("parameters")] JsonElement? Parameters);

public sealed record OpenAiTool(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("function")] OpenAiFunctionDefinition? Function);

public sealed record OpenAiStreamOptions([property: JsonPropertyName("include_usage")] bool? IncludeUsage);

public sealed record OpenAiChatRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<OpenAiRequestMessage?>? Messages,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("top_p")] float? TopP,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("max_completion_tokens")] int? MaxCompletionTokens,
    [property: JsonPropertyName("stop")] JsonElement? Stop,
    [property: JsonPropertyName("seed")] long? Seed,
    [property: JsonPropertyName("n")] int? N,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("stream_options")] OpenAiStreamOptions? StreamOptions,
    [property: JsonPropertyName("response_format")] JsonElement? ResponseFormat,
    [property: JsonPropertyName("tools")] IReadOnlyList<OpenAiTool?>? Tools,
    [property: JsonPropertyName("tool_choice")] JsonElement? ToolChoice,
    [property: JsonPropertyName("frequency_penalty")] float? FrequencyPenalty,
    [property: JsonPropertyName("presence_penalty")] float? PresencePenalty,
    [property: JsonPropertyName("priority")] int? Priority);

public sealed record OpenAiCompletionRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("prompt")] JsonElement? Prompt,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("top_p")] float? TopP,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("stop")] JsonElement? Stop,
    [property: JsonPropertyName("seed")] long? Seed,
    [property: JsonPropertyName("n")] int? N,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("stream_options")] OpenAiStreamOptions? StreamOptions,
    [property: JsonPropertyName("frequency_penalty")] float? FrequencyPenalty,
    [property: JsonPropertyName("presence_penalty")] float? PresencePenalty,
    [property: JsonPropertyName("priority")] int? Priority,
    [property: JsonPropertyName("suffix")] string? Suffix = null);

public sealed record OpenAiResponseMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("tool_calls"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenAiToolCall>? ToolCalls = null,
    [property: JsonPropertyName("refusal")] string? Refusal = null);

public sealed record OpenAiChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenAiResponseMessage? Message,
    [property: JsonPropertyName("delta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenAiDelta? Delta,
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonPropertyName("finish_reason")] string? FinishReason,
    [property: JsonPropertyName("logprobs")] JsonElement? Logprobs = null);

public sealed record OpenAiDelta(
    [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content,
    [property: JsonPropertyName("tool_calls"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenAiToolCall>? ToolCalls = null);

public sealed record OpenAiUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);

public sealed record OpenAiChatResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<OpenAiChoice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenAiUsage? Usage,
    [property: JsonPropertyName("system_fingerprint")] string SystemFingerprint = "fp_airgap");

public sealed record OpenAiEmbeddingRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("encoding_format")] string? EncodingFormat,
    [property: JsonPropertyName("dimensions")] int? Dimensions);

public sealed record OpenAiEmbedding(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] JsonElement Embedding);

public sealed record OpenAiEmbeddingUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);

public sealed record OpenAiEmbeddingResponse(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<OpenAiEmbedding> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] OpenAiEmbeddingUsage Usage);

public sealed record OpenAiErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code);

public sealed record OpenAiError([property: JsonPropertyName("error")] OpenAiErrorBody Error);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OpenAiChatRequest))]
[JsonSerializable(typeof(OpenAiCompletionRequest))]
[JsonSerializable(typeof(OpenAiChatResponse))]
[JsonSerializable(typeof(OpenAiEmbeddingRequest))]
[JsonSerializable(typeof(OpenAiEmbeddingResponse))]
[JsonSerializable(typeof(OpenAiError))]
[JsonSerializable(typeof(float[]))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped, as OpenAI does.</summary>
    public static OpenAiJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
