using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

namespace Airgap.Compatibility.Tests;

public sealed class OpenAiSdkResponsesWorkUnchanged(TinyServer server) : IClassFixture<TinyServer>
{
    private const string SetpointParameters =
        """{"type":"object","properties":{"chamber":{"type":"string"},"celsius":{"type":"number"}},"required":["chamber","celsius"]}""";

    private ResponsesClient Client() => new OpenAIClient(new ApiKeyCredential("not-needed-on-loopback"),
        new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) }).GetResponsesClient();

    private static CreateResponseOptions Options(string input, int maxOutputTokens) =>
        new("tiny:test", [ResponseItem.CreateUserMessageItem(input)]) { MaxOutputTokenCount = maxOutputTokens, Temperature = 0 };

    [Fact]
    public async Task A_text_response_has_an_output_message_and_usage()
    {
        var response = (await Client().CreateResponseAsync(Options("Hello", 7))).Value;

        Assert.StartsWith("resp_", response.Id);
        Assert.Equal("tiny:test", response.Model);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.NotEmpty(response.GetOutputText());
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 3);
        Assert.Equal(response.Usage.InputTokenCount + 7, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Max_output_tokens_ends_the_response_as_incomplete_for_that_reason()
    {
        var response = (await Client().CreateResponseAsync(Options("Count to ten", 5))).Value;

        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, response.IncompleteStatusDetails.Reason);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        Assert.Equal(5, response.MaxOutputTokenCount);
    }

    [Fact]
    public async Task Streamed_deltas_assemble_into_the_final_text()
    {
        var options = Options("Count to ten", 8);
        options.StreamingEnabled = true;
        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await Client().CreateResponseStreamingAsync(options)) updates.Add(update);

        Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]);
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
        var deltas = updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Select(u => u.Delta).ToList();
        Assert.True(deltas.Count >= 2);
        var final = Assert.IsType<StreamingResponseIncompleteUpdate>(updates[^1]).Response;
        Assert.Equal(string.Concat(deltas), final.GetOutputText());
        Assert.Equal(string.Concat(deltas), Assert.Single(updates.OfType<StreamingResponseOutputTextDoneUpdate>()).Text);
        Assert.Equal(8, final.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Instructions_reach_the_model_and_are_echoed()
    {
        var plain = (await Client().CreateResponseAsync(Options("Hello", 2))).Value;
        var instructed = Options("Hello", 2);
        instructed.Instructions = "You are the plant's maintenance assistant. Answer in one short sentence, in English.";

        var result = await Client().CreateResponseAsync(instructed);

        Assert.True(result.Value.Usage.InputTokenCount > plain.Usage.InputTokenCount + 10);
        var echoed = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.GetProperty("instructions").GetString();
        Assert.Equal(instructed.Instructions, echoed);
    }

    [Fact]
    public async Task A_json_schema_text_format_answer_parses_and_validates()
    {
        var schema = """{"type":"object","properties":{"machine":{"type":"string"},"temperature":{"type":"number"},"alarm":{"type":"boolean"}},"required":["machine","temperature","alarm"],"additionalProperties":false}""";
        var options = Options("Report", 1200);
        options.TextOptions = new ResponseTextOptions
        {
            TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("report", BinaryData.FromString(schema), jsonSchemaIsStrict: true),
        };

        var response = (await Client().CreateResponseAsync(options)).Value;

        Assert.Equal(ResponseStatus.Completed, response.Status);
        var report = JsonDocument.Parse(response.GetOutputText()).RootElement;
        Assert.Equal(["machine", "temperature", "alarm"], report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, report.GetProperty("machine").ValueKind);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("temperature").ValueKind);
        Assert.Contains(report.GetProperty("alarm").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
    }

    [Fact]
    public async Task A_required_function_call_has_arguments_that_deserialize()
    {
        var options = Options("Set chamber A to 40", 1200);
        options.Tools.Add(ResponseTool.CreateFunctionTool("set_setpoint", BinaryData.FromString(SetpointParameters), strictModeEnabled: true, "Set a chamber setpoint"));
        options.ToolChoice = ResponseToolChoice.CreateRequiredChoice();

        var response = (await Client().CreateResponseAsync(options)).Value;

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal("set_setpoint", call.FunctionName);
        Assert.False(string.IsNullOrEmpty(call.CallId));
        var arguments = JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement;
        Assert.Equal(JsonValueKind.String, arguments.GetProperty("chamber").ValueKind);
        Assert.Equal(JsonValueKind.Number, arguments.GetProperty("celsius").ValueKind);
    }

    [Fact]
    public async Task A_function_call_output_flows_back_into_the_prompt()
    {
        var call = new FunctionCallResponseItem("call_1", "read_sensor", BinaryData.FromString("""{"sensor":"T1"}"""));
        var shortOutput = await InputTokens(call, ResponseItem.CreateFunctionCallOutputItem("call_1", "41"));
        var longOutput = await InputTokens(call, ResponseItem.CreateFunctionCallOutputItem("call_1",
            "Sensor T1 in chamber A reads 41.7 degrees Celsius, rising 0.3 degrees per minute since the door closed at 06:10."));

        Assert.True(longOutput > shortOutput + 10, $"{longOutput} input tokens with the long tool output, {shortOutput} with the short one");
    }

    [Fact]
    public async Task A_conversation_continues_by_sending_the_output_items_back_as_input()
    {
        var first = (await Client().CreateResponseAsync(Options("Name a colour", 4))).Value;
        var next = new CreateResponseOptions("tiny:test", [ResponseItem.CreateUserMessageItem("Name a colour"), .. first.OutputItems,
            ResponseItem.CreateUserMessageItem("And another")]) { MaxOutputTokenCount = 4, Temperature = 0 };

        var second = (await Client().CreateResponseAsync(next)).Value;

        Assert.True(second.Usage.InputTokenCount > first.Usage.InputTokenCount + first.Usage.OutputTokenCount);
        Assert.NotEmpty(second.GetOutputText());
    }

    [Fact]
    public async Task Previous_response_id_is_refused_with_400()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client().CreateResponseAsync("tiny:test", "Hello", previousResponseId: "resp_0123"));

        Assert.Equal(400, error.Status);
        Assert.Contains("previous_response_id", error.Message);
    }

    private async Task<int> InputTokens(FunctionCallResponseItem call, ResponseItem output)
    {
        var options = new CreateResponseOptions("tiny:test", [ResponseItem.CreateUserMessageItem("What does T1 read?"), call, output])
        {
            MaxOutputTokenCount = 1, Temperature = 0,
        };
        options.Tools.Add(ResponseTool.CreateFunctionTool("read_sensor", BinaryData.FromString("""{"type":"object","properties":{"sensor":{"type":"string"}}}"""), null));
        return (await Client().CreateResponseAsync(options)).Value.Usage.InputTokenCount;
    }
}
