using System.Text.Json;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Airgap.Compatibility.Tests;

public sealed class OllamaSharpClientWorksUnchanged(TinyServer server) : IClassFixture<TinyServer>
{
    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }, "tiny:test");

    [Fact]
    public async Task Sees_the_server_running_and_reads_its_version()
    {
        Assert.True(await Client().IsRunningAsync());
        Assert.Equal(Airgap.Server.Endpoints.ServerVersion.Current, await Client().GetVersionAsync());
    }

    [Fact]
    public async Task Lists_the_registered_model()
    {
        var models = (await Client().ListLocalModelsAsync()).ToList();

        // The registered model, then the built-in embedding model that needs no import.
        Assert.Equal(["tiny:test", "all-minilm:latest"], models.Select(m => m.Name));
        var model = models[0];
        Assert.Equal("F16", model.Details.QuantizationLevel);
    }

    [Fact]
    public async Task Generate_streams_tokens_and_ends_with_statistics()
    {
        var chunks = new List<GenerateResponseStream?>();
        await foreach (var chunk in Client().GenerateAsync(new GenerateRequest
                       { Model = "tiny:test", Prompt = "Once upon a time", Options = new RequestOptions { NumPredict = 10, Temperature = 0 } }))
            chunks.Add(chunk);

        Assert.True(chunks.Count(c => c is { Done: false }) >= 2, "tokens arrive in several chunks");
        var done = Assert.IsType<GenerateDoneResponseStream>(chunks.Last());
        Assert.Equal(10, done.EvalCount);
        Assert.True(done.PromptEvalCount > 0);
        Assert.True(done.TotalDuration > 0);
        Assert.Equal("length", done.DoneReason);
    }

    [Fact]
    public async Task Chat_answers_streaming_and_not()
    {
        var chat = new Chat(Client()) { Options = new RequestOptions { NumPredict = 6, Temperature = 0 } };
        var streamed = string.Concat(await chat.SendAsync("Hello there").ToListAsync());
        Assert.NotEmpty(streamed);

        IChatClient client = Client();
        var response = await client.GetResponseAsync("Hello there", new ChatOptions { MaxOutputTokens = 6, Temperature = 0 });
        Assert.Equal(streamed, response.Text);
    }

    [Fact]
    public async Task A_json_schema_answer_deserializes()
    {
        IChatClient client = Client();
        var response = await client.GetResponseAsync<Reading>("Read the gauge", new ChatOptions { MaxOutputTokens = 1200, Temperature = 0 });

        Assert.NotNull(response.Result);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(response.Text).RootElement.ValueKind);
    }

    [Fact]
    public async Task Embed_returns_one_normalized_vector_per_input()
    {
        var result = await Client().EmbedAsync(new EmbedRequest { Model = "tiny:test", Input = ["first text", "second text"] });

        Assert.Equal(2, result.Embeddings.Count);
        Assert.All(result.Embeddings, e => Assert.InRange(Math.Sqrt(e.Sum(x => (double)x * x)), 0.999, 1.001));
    }

    [Fact]
    public async Task The_built_in_all_minilm_embeds_and_is_listed_without_an_import()
    {
        var result = await Client().EmbedAsync(new EmbedRequest { Model = "all-minilm", Input = ["the pump is overheating", "motor temperature too high"] });
        var models = await Client().ListLocalModelsAsync();

        Assert.Equal(2, result.Embeddings.Count);
        Assert.All(result.Embeddings, e => Assert.Equal(384, e.Length));
        Assert.Contains(models, m => m.Name == "all-minilm:latest" && m.Details.Family == "bert");
    }

    public sealed record Reading(string Gauge, double Value, bool InRange);
}
