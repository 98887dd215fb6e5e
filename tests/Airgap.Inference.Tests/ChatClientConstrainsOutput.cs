using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

public sealed class ChatClientConstrainsOutput : IDisposable
{
    private readonly TinyModelSite _site = new(new InferenceOptions { ContextLength = 2048, Threads = 2 });
    private readonly IChatClient _chat;

    public ChatClientConstrainsOutput() => _chat = new AirgapChatClient(_site.Scheduler, "tiny:test");

    public void Dispose() => _site.Dispose();

    private sealed record Person(string Name, int Age, bool Active);

    [Fact]
    public async Task A_json_schema_answer_from_a_random_weight_model_parses_and_validates()
    {
        var schema = AIJsonUtilities.CreateJsonSchema(typeof(Person));
        var options = new ChatOptions
        {
            Temperature = 0.9f, Seed = 7, MaxOutputTokens = 1500,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "person"),
        };

        var response = await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Describe a person as JSON.")], options);

        var person = JsonSerializer.Deserialize<Person>(response.Text, AIJsonUtilities.DefaultOptions);
        Assert.NotNull(person);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Format_json_gives_a_json_object()
    {
        var response = await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "JSON please")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 1500, ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(response.Text).RootElement.ValueKind);
    }

    [Fact]
    public async Task A_required_tool_call_is_constrained_and_its_arguments_deserialize()
    {
        var weather = AIFunctionFactory.Create((string city, int days) => $"sunny in {city} for {days} days", "get_weather", "Weather forecast");
        var other = AIFunctionFactory.Create((string query) => query, "search", "Search");
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 1500, Tools = [weather, other], ToolMode = ChatToolMode.RequireSpecific("get_weather") };

        var response = await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather in Oslo?")], options);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.IsType<string>(((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(JsonValueKind.Number, ((JsonElement)call.Arguments["days"]!).ValueKind);

        var result = await weather.InvokeAsync(new AIFunctionArguments(call.Arguments));
        Assert.StartsWith("sunny in", result!.ToString());
    }

    [Fact]
    public async Task A_tool_result_flows_back_into_the_conversation()
    {
        var call = new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" });
        var turns = ChatPromptBuilder.Build(
        [
            new ChatMessage(ChatRole.User, "Weather in Oslo?"),
            new ChatMessage(ChatRole.Assistant, [call]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "rainy, 4 °C")]),
        ], []);

        Assert.Equal(["user", "assistant", "user"], turns.Select(t => t.Role));
        Assert.Contains("<tool_call>\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}\n</tool_call>", turns[1].Content);
        Assert.Equal("<tool_response>\nrainy, 4 °C\n</tool_response>", turns[2].Content);

        var response = await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather in Oslo?"), new ChatMessage(ChatRole.Assistant, [call]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "rainy, 4 °C")])], new ChatOptions { MaxOutputTokens = 5, Temperature = 0 });
        Assert.Equal(5, response.Usage!.OutputTokenCount);
    }
}
