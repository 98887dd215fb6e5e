namespace Airgap.Grpc.Tests;

public sealed class GenerateStreamsTokensThenOneDoneMessage(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task Generate_streams_text_pieces_then_exactly_one_done_message_with_the_counts()
    {
        using var call = server.Client.Generate(new GenerateRequest
        {
            Model = GrpcServer.Model,
            Prompt = "Tell me about pumps",
            Options = new Options { Temperature = 0, NumPredict = 8 },
        });
        var messages = await GrpcServer.ReadAllAsync(call);

        Assert.True(messages.Count >= 2, $"expected text pieces and a done message, got {messages.Count} messages");
        var pieces = messages[..^1];
        Assert.All(pieces, m => Assert.False(m.Done));
        Assert.Contains(pieces, m => m.Response.Length > 0);
        Assert.All(messages, m => Assert.Equal(GrpcServer.Model, m.Model));

        var done = messages[^1];
        Assert.True(done.Done);
        Assert.Equal("length", done.DoneReason);
        Assert.Equal(8, done.EvalCount);
        Assert.True(done.PromptEvalCount > 0, "the prompt's tokens are counted");
        Assert.True(done.TotalDuration > 0 && done.EvalDuration > 0 && done.PromptEvalDuration > 0, "the durations are given in nanoseconds");
        Assert.True(done.TotalDuration >= done.EvalDuration);
        Assert.NotNull(done.CreatedAt);
    }

    [Fact]
    public async Task An_empty_prompt_loads_the_model_and_answers_one_done_message()
    {
        using var call = server.Client.Generate(new GenerateRequest { Model = GrpcServer.Model, KeepAlive = "10m" });
        var messages = await GrpcServer.ReadAllAsync(call);

        var only = Assert.Single(messages);
        Assert.True(only.Done);
        Assert.Equal("load", only.DoneReason);
        Assert.Equal(0, only.EvalCount);
        Assert.Equal(GrpcServer.Model, (await server.RunningModelAsync()).GetProperty("name").GetString());
    }
}
