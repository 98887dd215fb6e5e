namespace Airgap.Grpc.Tests;

public sealed class ChatAnswersAConversation(GrpcServer server) : IClassFixture<GrpcServer>
{
    private const string System = "You are the maintenance assistant of a water treatment plant. Answer in one short sentence, naming the pump and its bay.";

    [Fact]
    public async Task Chat_with_a_system_and_a_user_message_streams_the_assistants_reply_and_reads_both_messages()
    {
        var userOnly = await ChatAsync(new Message { Role = "user", Content = "Which pump is loud?" });
        var withSystem = await ChatAsync(new Message { Role = "system", Content = System }, new Message { Role = "user", Content = "Which pump is loud?" });

        Assert.All(withSystem, m => Assert.Equal("assistant", m.Message.Role));
        Assert.Contains(withSystem[..^1], m => m.Message.Content.Length > 0);
        Assert.True(withSystem[^1].Done);
        Assert.Equal(6, withSystem[^1].EvalCount);
        // The system message went through the chat template into the prompt: many more prompt tokens than the user's alone.
        Assert.True(withSystem[^1].PromptEvalCount > userOnly[^1].PromptEvalCount + 10,
            $"with the system message {withSystem[^1].PromptEvalCount} prompt tokens, without {userOnly[^1].PromptEvalCount}");
    }

    [Fact]
    public async Task A_message_with_an_unknown_role_is_refused_naming_it()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ChatAsync(new Message { Role = "user", Content = "hi" }, new Message { Role = "robot", Content = "beep" }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("messages[1].role:", e.Status.Detail);
    }

    private async Task<List<ChatResponse>> ChatAsync(params Message[] messages)
    {
        var request = new ChatRequest { Model = GrpcServer.Model, Options = new Options { Temperature = 0, NumPredict = 6 } };
        request.Messages.AddRange(messages);
        using var call = server.Client.Chat(request);
        return await GrpcServer.ReadAllAsync(call);
    }
}
