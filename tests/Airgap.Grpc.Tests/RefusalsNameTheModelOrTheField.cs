namespace Airgap.Grpc.Tests;

public sealed class RefusalsNameTheModelOrTheField(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task An_unknown_model_is_NotFound_naming_it_in_every_rpc_that_takes_one()
    {
        var generate = await Assert.ThrowsAsync<RpcException>(() => GrpcServer.ReadAllAsync(server.Client.Generate(new GenerateRequest { Model = "nope:missing", Prompt = "hi" })));
        var chat = new ChatRequest { Model = "nope:missing" };
        chat.Messages.Add(new Message { Role = "user", Content = "hi" });
        var chatError = await Assert.ThrowsAsync<RpcException>(() => GrpcServer.ReadAllAsync(server.Client.Chat(chat)));
        var embed = new EmbedRequest { Model = "nope:missing" };
        embed.Input.Add("hi");
        var embedError = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.EmbedAsync(embed));

        foreach (var e in new[] { generate, chatError, embedError })
        {
            Assert.Equal(StatusCode.NotFound, e.StatusCode);
            Assert.Contains("nope:missing", e.Status.Detail);
            Assert.Equal("model_not_found", e.Trailers.GetValue("airgap-error-code"));
        }
    }

    public static TheoryData<string, GenerateRequest> BadGenerations => new()
    {
        { "model", new GenerateRequest { Prompt = "hi" } },
        { "priority", new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Priority = 12 } },
        { "priority", new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Priority = -1 } },
        { "keep_alive", new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", KeepAlive = "soon" } },
        { "options.num_ctx", new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Options = new Options { NumCtx = 1_000_000 } } },
        { "format", new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Format = "xml" } },
        { "format", new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Format = "{not json" } },
    };

    [Theory]
    [MemberData(nameof(BadGenerations))]
    public async Task A_bad_generate_argument_is_InvalidArgument_naming_the_field_and_runs_nothing(string field, GenerateRequest request)
    {
        var before = await CompletedAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => GrpcServer.ReadAllAsync(server.Client.Generate(request)));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail);
        Assert.Equal("invalid_value", e.Trailers.GetValue("airgap-error-code"));
        Assert.Equal(before, await CompletedAsync());
    }

    [Theory]
    [InlineData("model", "", "x", 0)]
    [InlineData("input", GrpcServer.Model, null, 0)]
    [InlineData("priority", GrpcServer.Model, "x", 12)]
    public async Task A_bad_embed_argument_is_InvalidArgument_naming_the_field(string field, string model, string? input, int priority)
    {
        var request = new EmbedRequest { Model = model };
        if (input is not null) request.Input.Add(input);
        if (priority != 0) request.Priority = priority;

        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.EmbedAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_OutOfRange_saying_both_lengths()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("pump valve tank", 3000));

        var e = await Assert.ThrowsAsync<RpcException>(() => GrpcServer.ReadAllAsync(server.Client.Generate(new GenerateRequest { Model = GrpcServer.Model, Prompt = prompt })));

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Contains("context length of 4096 tokens", e.Status.Detail);
        Assert.Equal("context_length_exceeded", e.Trailers.GetValue("airgap-error-code"));
    }

    // Generations the server's model has run to their end; nothing loaded counts as none.
    private async Task<long> CompletedAsync()
    {
        var ps = await server.Http.GetStringAsync("/api/ps");
        return ps.Contains("\"completed\"", StringComparison.Ordinal) ? (await server.RunningModelAsync()).GetProperty("completed").GetInt64() : 0;
    }
}
