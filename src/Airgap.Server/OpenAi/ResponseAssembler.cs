using System.Text;
using System.Text.Json;
using Airgap.Server.Wire;
using Microsoft.Extensions.AI;

namespace Airgap.Server.OpenAi;

/// <summary>
/// Turns the chat pipeline's updates into a Responses API response and the events that stream it, so the streamed
/// and the whole answer are one code path: the final response is exactly what the last event carries.
/// </summary>
public sealed class ResponseAssembler(ResponsesResponse template)
{
    private static readonly IReadOnlyList<JsonElement> None = [];
    // Arguments as OpenAI writes them: compact, quotes plain.
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
    private readonly List<ResponsesOutputItem> _output = [];
    private readonly StringBuilder _text = new();
    private int _sequence;
    private string? _messageId;
    private ChatFinishReason? _finishReason;
    private ResponsesUsage? _usage;

    /// <summary>The response as it stands: in progress until <see cref="Finish"/>, then completed or incomplete.</summary>
    public ResponsesResponse Current { get; private set; } = template;

    /// <summary><c>response.created</c> and <c>response.in_progress</c>.</summary>
    public IReadOnlyList<ResponsesEvent> Start() => StartEvents().ToList();

    /// <summary>The events one update adds: text deltas into an open message, each tool call as a function_call item.</summary>
    public IReadOnlyList<ResponsesEvent> Add(ChatResponseUpdate update) => AddEvents(update).ToList();

    /// <summary>Closes what is open and ends with <c>response.completed</c> or, at the token limit, <c>response.incomplete</c>.</summary>
    public IReadOnlyList<ResponsesEvent> Finish() => FinishEvents().ToList();

    /// <summary>After the first byte: an <c>error</c> event, then <c>response.failed</c> with what was produced so far.</summary>
    public IReadOnlyList<ResponsesEvent> Fail(Exception error) => FailEvents(error).ToList();

    private IEnumerable<ResponsesEvent> StartEvents()
    {
        yield return Next("response.created") with { Response = Current };
        yield return Next("response.in_progress") with { Response = Current };
    }

    private IEnumerable<ResponsesEvent> AddEvents(ChatResponseUpdate update)
    {
        if (update.Text.Length > 0)
        {
            if (_messageId is null) foreach (var e in OpenMessage()) yield return e;
            _text.Append(update.Text);
            yield return Next("response.output_text.delta") with
            {
                ItemId = _messageId, OutputIndex = _output.Count, ContentIndex = 0, Delta = update.Text, Logprobs = None,
            };
        }
        foreach (var call in update.Contents.OfType<FunctionCallContent>())
        {
            if (_messageId is not null) foreach (var e in CloseMessage("completed")) yield return e;
            foreach (var e in FunctionCall(call)) yield return e;
        }
        if (update.FinishReason is { } reason) _finishReason = reason;
        if (update.Contents.OfType<UsageContent>().LastOrDefault()?.Details is { } d)
            _usage = new ResponsesUsage((int)(d.InputTokenCount ?? 0), new((int)(d.CachedInputTokenCount ?? 0)),
                (int)(d.OutputTokenCount ?? 0), new((int)(d.ReasoningTokenCount ?? 0)), (int)(d.TotalTokenCount ?? 0));
    }

    private IEnumerable<ResponsesEvent> FinishEvents()
    {
        var incomplete = _finishReason == ChatFinishReason.Length;
        // A response always has an output; an empty answer is an empty message, as OpenAI writes it.
        if (_messageId is null && _output.Count == 0) foreach (var e in OpenMessage()) yield return e;
        if (_messageId is not null) foreach (var e in CloseMessage(incomplete ? "incomplete" : "completed")) yield return e;
        Current = Current with
        {
            Status = incomplete ? "incomplete" : "completed",
            IncompleteDetails = incomplete ? new ResponsesIncompleteDetails("max_output_tokens") : null,
            Output = _output.ToList(),
            Usage = _usage,
        };
        yield return Next(incomplete ? "response.incomplete" : "response.completed") with { Response = Current };
    }

    private IEnumerable<ResponsesEvent> FailEvents(Exception error)
    {
        var classified = ApiErrors.Classify(error);
        var code = classified?.Code ?? "server_error";
        var message = classified?.Message ?? error.Message;
        yield return Next("error") with { Code = code, Message = message, Param = classified?.Param };
        Current = Current with { Status = "failed", Error = new ResponsesErrorDetail(code, message), Output = _output.ToList(), Usage = _usage };
        yield return Next("response.failed") with { Response = Current };
    }

    private IEnumerable<ResponsesEvent> OpenMessage()
    {
        _messageId = "msg_" + Guid.NewGuid().ToString("N");
        _text.Clear();
        yield return Next("response.output_item.added") with
        {
            OutputIndex = _output.Count, Item = new ResponsesOutputItem("message", _messageId, "in_progress", Role: "assistant", Content: []),
        };
        yield return Next("response.content_part.added") with { ItemId = _messageId, OutputIndex = _output.Count, ContentIndex = 0, Part = Part("") };
    }

    private IEnumerable<ResponsesEvent> CloseMessage(string status)
    {
        var id = _messageId!;
        var text = _text.ToString();
        var index = _output.Count;
        var item = new ResponsesOutputItem("message", id, status, Role: "assistant", Content: [Part(text)]);
        _output.Add(item);
        _messageId = null;
        yield return Next("response.output_text.done") with { ItemId = id, OutputIndex = index, ContentIndex = 0, Text = text, Logprobs = None };
        yield return Next("response.content_part.done") with { ItemId = id, OutputIndex = index, ContentIndex = 0, Part = Part(text) };
        yield return Next("response.output_item.done") with { OutputIndex = index, Item = item };
    }

    private IEnumerable<ResponsesEvent> FunctionCall(FunctionCallContent call)
    {
        var id = "fc_" + Guid.NewGuid().ToString("N");
        var callId = string.IsNullOrEmpty(call.CallId) ? "call_" + Guid.NewGuid().ToString("N")[..24] : call.CallId;
        var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), Compact);
        var index = _output.Count;
        var item = new ResponsesOutputItem("function_call", id, "completed", CallId: callId, Name: call.Name, Arguments: arguments);
        _output.Add(item);
        yield return Next("response.output_item.added") with { OutputIndex = index, Item = item with { Status = "in_progress", Arguments = "" } };
        yield return Next("response.function_call_arguments.delta") with { ItemId = id, OutputIndex = index, Delta = arguments };
        yield return Next("response.function_call_arguments.done") with { ItemId = id, OutputIndex = index, Name = call.Name, Arguments = arguments };
        yield return Next("response.output_item.done") with { OutputIndex = index, Item = item };
    }

    private static ResponsesContentPart Part(string text) => new("output_text", text, None, None);

    private ResponsesEvent Next(string type) => new(type, _sequence++);
}
