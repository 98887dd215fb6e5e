using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.OpenAi;

// The OpenAI Responses API's wire records (POST /v1/responses), named as OpenAI's API reference names them.

/// <summary>The body of POST /v1/responses; fields Airgap cannot honour are read so they can be refused by name.</summary>
public sealed record ResponsesRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("top_p")] float? TopP,
    [property: JsonPropertyName("tools")] IReadOnlyList<JsonElement>? Tools,
    [property: JsonPropertyName("tool_choice")] JsonElement? ToolChoice,
    [property: JsonPropertyName("parallel_tool_calls")] bool? ParallelToolCalls,
    [property: JsonPropertyName("text")] ResponsesTextOptions? Text,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("store")] bool? Store,
    [property: JsonPropertyName("previous_response_id")] string? PreviousResponseId,
    [property: JsonPropertyName("conversation")] JsonElement? Conversation,
    [property: JsonPropertyName("background")] bool? Background,
    [property: JsonPropertyName("prompt")] JsonElement? Prompt,
    [property: JsonPropertyName("top_logprobs")] int? TopLogprobs,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("truncation")] string? Truncation,
    [property: JsonPropertyName("seed")] long? Seed,
    [property: JsonPropertyName("priority")] int? Priority);

/// <summary>The request's and the response's <c>text</c> object: the output format.</summary>
public sealed record ResponsesTextOptions([property: JsonPropertyName("format")] JsonElement? Format);

/// <summary>One part of a message item's content; Airgap writes only <c>output_text</c>.</summary>
public sealed record ResponsesContentPart(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("annotations")] IReadOnlyList<JsonElement> Annotations,
    [property: JsonPropertyName("logprobs")] IReadOnlyList<JsonElement> Logprobs);

/// <summary>An output item: a <c>message</c> (role, content) or a <c>function_call</c> (call_id, name, arguments).</summary>
public sealed record ResponsesOutputItem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ResponsesContentPart>? Content = null,
    [property: JsonPropertyName("call_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallId = null,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonPropertyName("arguments"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Arguments = null);

/// <summary>input_tokens_details as OpenAI writes it.</summary>
public sealed record ResponsesInputTokensDetails([property: JsonPropertyName("cached_tokens")] int CachedTokens);

/// <summary>output_tokens_details as OpenAI writes it.</summary>
public sealed record ResponsesOutputTokensDetails([property: JsonPropertyName("reasoning_tokens")] int ReasoningTokens);

/// <summary>A response's token counts.</summary>
public sealed record ResponsesUsage(
    [property: JsonPropertyName("input_tokens")] int InputTokens,
    [property: JsonPropertyName("input_tokens_details")] ResponsesInputTokensDetails InputTokensDetails,
    [property: JsonPropertyName("output_tokens")] int OutputTokens,
    [property: JsonPropertyName("output_tokens_details")] ResponsesOutputTokensDetails OutputTokensDetails,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);

/// <summary>Why a response is <c>incomplete</c>: <c>max_output_tokens</c> here.</summary>
public sealed record ResponsesIncompleteDetails([property: JsonPropertyName("reason")] string Reason);

/// <summary>Why a response <c>failed</c>.</summary>
public sealed record ResponsesErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The reasoning settings a response echoes; Airgap's models report none.</summary>
public sealed record ResponsesReasoning(
    [property: JsonPropertyName("effort")] string? Effort,
    [property: JsonPropertyName("summary")] string? Summary);

/// <summary>The response object: what was asked (echoed), what came out, and its status.</summary>
public sealed record ResponsesResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("object")] public string Object { get; init; } = "response";
    [JsonPropertyName("created_at")] public required long CreatedAt { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("background")] public bool Background { get; init; }
    [JsonPropertyName("error")] public ResponsesErrorDetail? Error { get; init; }
    [JsonPropertyName("incomplete_details")] public ResponsesIncompleteDetails? IncompleteDetails { get; init; }
    [JsonPropertyName("instructions")] public string? Instructions { get; init; }
    [JsonPropertyName("max_output_tokens")] public int? MaxOutputTokens { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("output")] public IReadOnlyList<ResponsesOutputItem> Output { get; init; } = [];
    [JsonPropertyName("parallel_tool_calls")] public bool ParallelToolCalls { get; init; } = true;
    [JsonPropertyName("previous_response_id")] public string? PreviousResponseId { get; init; }
    [JsonPropertyName("reasoning")] public ResponsesReasoning Reasoning { get; init; } = new(null, null);
    [JsonPropertyName("store")] public bool Store { get; init; }
    [JsonPropertyName("temperature")] public float Temperature { get; init; } = 1;
    [JsonPropertyName("text")] public ResponsesTextOptions Text { get; init; } = new(null);
    [JsonPropertyName("tool_choice")] public required JsonElement ToolChoice { get; init; }
    [JsonPropertyName("tools")] public IReadOnlyList<JsonElement> Tools { get; init; } = [];
    [JsonPropertyName("top_p")] public float TopP { get; init; } = 1;
    [JsonPropertyName("truncation")] public string Truncation { get; init; } = "disabled";
    [JsonPropertyName("usage")] public ResponsesUsage? Usage { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("metadata")] public required JsonElement Metadata { get; init; }
}

/// <summary>One streamed event: <c>type</c>, <c>sequence_number</c>, and the fields that event type carries.</summary>
public sealed record ResponsesEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("sequence_number")] int SequenceNumber)
{
    [JsonPropertyName("response"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ResponsesResponse? Response { get; init; }
    [JsonPropertyName("output_index"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? OutputIndex { get; init; }
    [JsonPropertyName("item_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ItemId { get; init; }
    [JsonPropertyName("content_index"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? ContentIndex { get; init; }
    [JsonPropertyName("item"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ResponsesOutputItem? Item { get; init; }
    [JsonPropertyName("part"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ResponsesContentPart? Part { get; init; }
    [JsonPropertyName("delta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Delta { get; init; }
    [JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Text { get; init; }
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
    [JsonPropertyName("arguments"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Arguments { get; init; }
    [JsonPropertyName("logprobs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<JsonElement>? Logprobs { get; init; }
    [JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Code { get; init; }
    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Message { get; init; }
    [JsonPropertyName("param"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Param { get; init; }
}

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponsesResponse))]
[JsonSerializable(typeof(ResponsesEvent))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext;
