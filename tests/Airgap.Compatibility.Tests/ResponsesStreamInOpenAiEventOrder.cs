using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class ResponsesStreamInOpenAiEventOrder(TinyServer server) : IClassFixture<TinyServer>
{
    [Fact]
    public async Task A_text_stream_opens_the_message_streams_deltas_and_closes_it_in_order()
    {
        var (raw, events) = await Stream("""{"model":"tiny:test","input":"Count to ten","max_output_tokens":6,"temperature":0,"stream":true}""");

        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        var deltas = types.Count(t => t == "response.output_text.delta");
        Assert.True(deltas >= 2);
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             ..Enumerable.Repeat("response.output_text.delta", deltas),
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.incomplete"],
            types);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.GetProperty("sequence_number").GetInt32()));
        Assert.DoesNotContain("[DONE]", raw);
        var itemId = events[2].GetProperty("item").GetProperty("id").GetString();
        Assert.StartsWith("msg_", itemId);
        Assert.All(events.Where(e => e.TryGetProperty("item_id", out _)), e => Assert.Equal(itemId, e.GetProperty("item_id").GetString()));
        var final = events[^1].GetProperty("response");
        Assert.Equal("incomplete", final.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", final.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal(6, final.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.False(final.GetProperty("store").GetBoolean());
    }

    [Fact]
    public async Task A_function_call_streams_as_a_function_call_item_with_its_arguments()
    {
        var (_, events) = await Stream("""
            {"model":"tiny:test","input":"Set chamber A to 40","max_output_tokens":1200,"temperature":0,"stream":true,"tool_choice":"required",
             "tools":[{"type":"function","name":"set_setpoint","parameters":{"type":"object","properties":{"chamber":{"type":"string"}},"required":["chamber"]}}]}
            """);

        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
             "response.function_call_arguments.done", "response.output_item.done", "response.completed"],
            types);
        var item = events[5].GetProperty("item");
        Assert.Equal("function_call", item.GetProperty("type").GetString());
        Assert.Equal("set_setpoint", item.GetProperty("name").GetString());
        var arguments = item.GetProperty("arguments").GetString()!;
        Assert.Equal(arguments, events[4].GetProperty("arguments").GetString());
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(arguments).RootElement.GetProperty("chamber").ValueKind);
        Assert.Equal(item.GetProperty("call_id").GetString(),
            events[^1].GetProperty("response").GetProperty("output")[0].GetProperty("call_id").GetString());
    }

    [Fact]
    public async Task Quotes_in_a_json_answer_are_written_plain()
    {
        var response = await server.Http.PostAsync("/v1/responses", new StringContent("""
            {"model":"tiny:test","input":"Report","max_output_tokens":1200,"temperature":0,
             "text":{"format":{"type":"json_schema","name":"r","schema":{"type":"object","properties":{"machine":{"type":"string"}},"required":["machine"]}}}}
            """, Encoding.UTF8, "application/json"));

        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\\\"machine\\\"", raw);
        Assert.DoesNotContain("\\u0022", raw);
    }

    private async Task<(string Raw, List<JsonElement> Events)> Stream(string body)
    {
        var response = await server.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        var events = new List<JsonElement>();
        foreach (var frame in raw.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = JsonDocument.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]).RootElement;
            Assert.Equal(name, data.GetProperty("type").GetString());
            events.Add(data);
        }
        return (raw, events);
    }
}
