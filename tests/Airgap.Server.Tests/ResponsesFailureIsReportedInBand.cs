using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Server.OpenAi;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Tests;

// A real model cannot fail mid-stream on demand; the assembler is fed the updates such a stream would have produced.
public sealed class ResponsesFailureIsReportedInBand
{
    private static ResponseAssembler Started(out List<ResponsesEvent> events)
    {
        var assembler = new ResponseAssembler(new ResponsesResponse
        {
            Id = "resp_1", CreatedAt = 0, Status = "in_progress", Model = "tiny:test",
            ToolChoice = JsonDocument.Parse("\"auto\"").RootElement, Metadata = JsonDocument.Parse("{}").RootElement,
        });
        events = [.. assembler.Start(), .. assembler.Add(new ChatResponseUpdate(ChatRole.Assistant, "Hel"))];
        return assembler;
    }

    [Fact]
    public void A_failure_after_text_is_an_error_event_then_response_failed()
    {
        var assembler = Started(out var events);

        events.AddRange(assembler.Fail(new InvalidOperationException("the decode step failed")));

        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "error", "response.failed"], events.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.SequenceNumber));
        Assert.Equal(("server_error", "the decode step failed"), (events[^2].Code, events[^2].Message));
        var failed = events[^1].Response!;
        Assert.Equal("failed", failed.Status);
        Assert.Equal(new ResponsesErrorDetail("server_error", "the decode step failed"), failed.Error);
    }

    [Fact]
    public void A_known_failure_keeps_its_code_and_field()
    {
        var assembler = Started(out _);

        var error = assembler.Fail(new InvalidRequestException("temperature", "must be between 0 and 2")).First();

        Assert.Equal(("invalid_value", "temperature"), (error.Code, error.Param));
        Assert.Equal("failed", assembler.Current.Status);
    }

    [Fact]
    public void A_tool_call_after_text_closes_the_message_first()
    {
        var assembler = Started(out var events);

        events.AddRange(assembler.Add(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_7", "f", new Dictionary<string, object?> { ["a"] = 1 })])
        {
            FinishReason = ChatFinishReason.ToolCalls,
        }));
        events.AddRange(assembler.Finish());

        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done",
            "response.output_item.done", "response.completed"], events.Skip(5).Select(e => e.Type));
        Assert.Equal(["message", "function_call"], assembler.Current.Output.Select(o => o.Type));
        Assert.Equal(("call_7", "{\"a\":1}", 1), (assembler.Current.Output[1].CallId, assembler.Current.Output[1].Arguments, events[^2].OutputIndex));
    }
}
