using System.Text.Json;
using Airgap.Inference.Chat;

namespace Airgap.Inference.Tests;

public sealed class ToolCallsAreFoundInEveryFormat
{
    private static readonly HashSet<string> Tools = ["get_weather", "search"];

    private static string City(Microsoft.Extensions.AI.FunctionCallContent call) => ((JsonElement)call.Arguments!["city"]!).GetString()!;

    [Fact]
    public void Hermes_blocks_are_parsed_and_the_text_around_them_kept()
    {
        var (calls, text) = ToolCallParser.Parse(
            "Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>\n<tool_call>{\"name\": \"search\", \"arguments\": {}}</tool_call>",
            Tools);

        Assert.Equal(["get_weather", "search"], calls.Select(c => c.Name));
        Assert.Equal("Oslo", City(calls[0]));
        Assert.Equal("Let me check.", text);
    }

    [Fact]
    public void Mistral_tool_call_lists_are_parsed() =>
        Assert.Equal("Bergen", City(Assert.Single(ToolCallParser.Parse(
            "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Bergen\"}}]", Tools).Calls)));

    [Fact]
    public void Llama_python_tag_calls_with_parameters_are_parsed() =>
        Assert.Equal("Tromsø", City(Assert.Single(ToolCallParser.Parse(
            "<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Tromsø\"}}", Tools).Calls)));

    [Fact]
    public void A_bare_call_object_is_a_call()
    {
        var (calls, text) = ToolCallParser.Parse(" {\"name\": \"get_weather\", \"arguments\": {\"city\": \"Bodø\"}} ", Tools);

        Assert.Equal("Bodø", City(Assert.Single(calls)));
        Assert.Equal("", text);
    }

    [Theory]
    [InlineData("The weather is fine.")]
    [InlineData("<tool_call>{\"name\": \"launch_rocket\", \"arguments\": {}}</tool_call>")]
    [InlineData("<tool_call>{not json}</tool_call>")]
    [InlineData("{\"answer\": 42}")]
    public void Text_unknown_tools_and_broken_json_are_not_calls(string output)
    {
        var (calls, text) = ToolCallParser.Parse(output, Tools);

        Assert.Empty(calls);
        Assert.Equal(output, text);
    }
}
