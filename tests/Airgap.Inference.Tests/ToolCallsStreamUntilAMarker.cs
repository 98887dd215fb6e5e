using Airgap.Inference.Chat;

namespace Airgap.Inference.Tests;

public sealed class ToolCallsStreamUntilAMarker
{
    private static (string Streamed, string Held) Run(params string[] pieces)
    {
        var gate = new ToolCallStreamGate();
        var streamed = string.Concat(pieces.Select(gate.Push));
        return (streamed, gate.Held);
    }

    [Fact]
    public void Plain_text_streams_as_it_comes_when_tools_are_offered()
    {
        var gate = new ToolCallStreamGate();

        Assert.Equal("The pressure ", gate.Push("The pressure "));
        Assert.Equal("is fine.", gate.Push("is fine."));
        Assert.Equal("", gate.Held);
    }

    [Theory]
    [InlineData("<tool_call>")]
    [InlineData("[TOOL_CALLS]")]
    [InlineData("<|python_tag|>")]
    public void Text_before_a_marker_streams_and_the_call_is_held_even_when_the_marker_is_split(string marker)
    {
        var (streamed, held) = Run("Let me check. ", marker[..3], marker[3..], "{\"name\": \"pressure\"}");

        Assert.Equal("Let me check. ", streamed);
        Assert.Equal(marker + "{\"name\": \"pressure\"}", held);
    }

    [Fact]
    public void A_bare_json_call_is_held_whole()
    {
        var (streamed, held) = Run("  ", "{\"name\": ", "\"pressure\", \"arguments\": {}}");

        Assert.Equal("", streamed);
        Assert.Equal("  {\"name\": \"pressure\", \"arguments\": {}}", held);
    }

    [Theory]
    [InlineData("Checking. <tool_call>{\"name\": \"pres", "Checking.")]
    [InlineData("Checking. [TOOL_CA", "Checking.")]
    [InlineData("Checking. <|python_", "Checking.")]
    [InlineData("a < b", "a < b")]
    public void A_call_cut_off_leaves_no_markup_whole_or_begun(string output, string answer) =>
        Assert.Equal(answer, ToolCallStreamGate.WithoutMarkup(output));

    [Fact]
    public void A_lone_angle_bracket_is_released_once_it_cannot_be_a_marker()
    {
        var (streamed, held) = Run("a <", "b");

        Assert.Equal("a <b", streamed);
        Assert.Equal("", held);
    }
}
