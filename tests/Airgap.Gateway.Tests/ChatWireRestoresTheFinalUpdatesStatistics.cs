using Airgap.Inference.Chat;
using Airgap.Inference.Generation;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

public sealed class ChatWireRestoresTheFinalUpdatesStatistics
{
    private static readonly GenerationStats Stats = new(PromptTokens: 12, CachedPromptTokens: 4, GeneratedTokens: 7, QueueTime: TimeSpan.FromMilliseconds(15),
        PromptTime: TimeSpan.FromMilliseconds(120.5), GenerateTime: TimeSpan.FromSeconds(1.25), LoadTime: TimeSpan.FromSeconds(2));

    [Fact]
    public void Statistics_and_done_reason_come_back_typed_as_the_endpoints_read_them()
    {
        var final = new ChatResponseUpdate(ChatRole.Assistant, "!")
        {
            FinishReason = ChatFinishReason.Length, ModelId = "tiny:latest",
            AdditionalProperties = new() { [AirgapChatProperties.Stats] = Stats, [AirgapChatProperties.DoneReason] = DoneReason.Length },
        };

        var back = ChatWire.Update(ChatWire.Update(final));

        Assert.Equal(Stats, Assert.IsType<GenerationStats>(back.AdditionalProperties![AirgapChatProperties.Stats]));
        Assert.Equal(DoneReason.Length, Assert.IsType<DoneReason>(back.AdditionalProperties[AirgapChatProperties.DoneReason]));
        Assert.Equal(ChatFinishReason.Length, back.FinishReason);
        Assert.Equal((ChatRole.Assistant, "!", "tiny:latest"), (back.Role!.Value, back.Text, back.ModelId));
    }

    [Fact]
    public void An_update_without_statistics_comes_back_as_it_was()
    {
        var back = ChatWire.Update(ChatWire.Update(new ChatResponseUpdate(ChatRole.Assistant, "Hello")));

        Assert.Equal("Hello", back.Text);
        Assert.Null(back.FinishReason);
        Assert.Null(back.AdditionalProperties);
    }
}
