using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Airgap.Compatibility.Tests;

public sealed class OpenAiSdkWorksUnchanged(TinyServer server) : IClassFixture<TinyServer>
{
    private OpenAIClient Client() => new(new ApiKeyCredential("not-needed-on-loopback"),
        new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) });

    [Fact]
    public async Task Lists_models()
    {
        var models = (await Client().GetOpenAIModelClient().GetModelsAsync()).Value;

        Assert.Equal(["tiny:test", "all-minilm:latest"], models.Select(m => m.Id));
    }

    [Fact]
    public async Task Chat_completion_returns_text_and_usage()
    {
        var completion = (await Client().GetChatClient("tiny:test").CompleteChatAsync(
            [new SystemChatMessage("You are terse."), new UserChatMessage("Hello")],
            new ChatCompletionOptions { MaxOutputTokenCount = 7, Temperature = 0 })).Value;

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 3);
        Assert.NotEmpty(completion.Content[0].Text);
    }

    [Fact]
    public async Task Streaming_chat_arrives_in_chunks_with_usage_at_the_end()
    {
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in Client().GetChatClient("tiny:test").CompleteChatStreamingAsync(
                           [new UserChatMessage("Count to ten")], new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 }))
            updates.Add(update);

        Assert.True(updates.Count(u => u.ContentUpdate.Count > 0) >= 2);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Length);
        Assert.Equal(8, updates.Last(u => u.Usage is not null).Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_json_schema_answer_deserializes()
    {
        var schema = """{"type":"object","properties":{"machine":{"type":"string"},"temperature":{"type":"number"},"alarm":{"type":"boolean"}},"required":["machine","temperature","alarm"],"additionalProperties":false}""";
        var completion = (await Client().GetChatClient("tiny:test").CompleteChatAsync([new UserChatMessage("Report")],
            new ChatCompletionOptions
            {
                MaxOutputTokenCount = 1200, Temperature = 0,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("report", BinaryData.FromString(schema), jsonSchemaIsStrict: true),
            })).Value;

        var report = JsonSerializer.Deserialize<Report>(completion.Content[0].Text);
        Assert.NotNull(report);
        Assert.NotNull(report.machine);
    }

    [Fact]
    public async Task A_required_tool_call_has_arguments_that_deserialize()
    {
        var tool = ChatTool.CreateFunctionTool("set_setpoint", "Set a chamber setpoint",
            BinaryData.FromString("""{"type":"object","properties":{"chamber":{"type":"string"},"celsius":{"type":"number"}},"required":["chamber","celsius"]}"""));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 1200, Temperature = 0, Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        var completion = (await Client().GetChatClient("tiny:test").CompleteChatAsync([new UserChatMessage("Set chamber A to 40")], options)).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("set_setpoint", call.FunctionName);
        var arguments = JsonSerializer.Deserialize<SetpointArguments>(call.FunctionArguments.ToString());
        Assert.NotNull(arguments?.chamber);
    }

    [Fact]
    public async Task Embeddings_come_back_for_each_input()
    {
        var embeddings = (await Client().GetEmbeddingClient("tiny:test").GenerateEmbeddingsAsync(["alpha", "beta", "gamma"])).Value;

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(256, embeddings[0].ToFloats().Length);
    }

    [Fact]
    public async Task The_built_in_all_minilm_embeds_with_no_import()
    {
        var embeddings = (await Client().GetEmbeddingClient("all-minilm").GenerateEmbeddingsAsync(["the pump is overheating", "invoice paid"])).Value;
        var models = (await Client().GetOpenAIModelClient().GetModelsAsync()).Value;

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(384, e.ToFloats().Length));
        Assert.True(embeddings.Usage.InputTokenCount > 4);
        Assert.Contains(models, m => m.Id == "all-minilm:latest");
    }

    private sealed record Report(string machine, double temperature, bool alarm);

    private sealed record SetpointArguments(string chamber, double celsius);
}
