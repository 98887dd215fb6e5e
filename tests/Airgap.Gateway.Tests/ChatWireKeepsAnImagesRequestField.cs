using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

/// <summary>A refused image is named as the caller sent it (messages[0].images[1]), on a worker as on a local server.</summary>
public sealed class ChatWireKeepsAnImagesRequestField
{
    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.User, [new TextContent("What is this?"),
            new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 }, "image/png") { AdditionalProperties = new() { [AirgapChatProperties.Field] = "messages[0].images[1]" } }]),
    ];

    private static List<ChatMessage> Carried(List<ChatMessage> messages)
    {
        var job = new GatewayJob { Id = "j", Model = "tiny", Reply = JobSubjects.Reply("j"), Messages = ChatWire.Messages(messages) };
        var back = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(job, GatewayJsonContext.Default.GatewayJob), GatewayJsonContext.Default.GatewayJob)!;
        return ChatWire.Messages(back.Messages);
    }

    [Fact]
    public void A_broken_image_is_refused_on_a_worker_under_the_field_the_caller_sent_it_in()
    {
        var local = Assert.Throws<InvalidRequestException>(() => ChatImages.Decode(Conversation(), new InferenceOptions()));
        Assert.Equal("messages[0].images[1]", local.Field);

        var onWorker = Assert.Throws<InvalidRequestException>(() => ChatImages.Decode(Carried(Conversation()), new InferenceOptions()));

        Assert.Equal("messages[0].images[1]", onWorker.Field);
        Assert.Equal(local.Message, onWorker.Message);
    }
}
