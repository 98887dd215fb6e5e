using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Grpc.Tests;

/// <summary>
/// gRPC and REST answer through one pipeline: the same request gives the same text, and either one's answer fills the
/// response cache the other is then served from (the cache is keyed on the caller, the model, the prompt and the
/// sampling, so only the same pipeline with the same options finds it).
/// </summary>
public sealed class GrpcAndRestShareOnePipeline(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task A_seeded_greedy_prompt_gives_over_grpc_the_text_rest_gave_and_is_served_from_the_cache_rest_filled()
    {
        const string Prompt = "Describe the morning shift";
        using var rest = await server.Http.PostAsJsonAsync("/api/generate", new
        {
            model = GrpcServer.Model, prompt = Prompt, stream = false, options = new { temperature = 0, seed = 7, num_predict = 12 },
        });
        rest.EnsureSuccessStatusCode();
        Assert.Equal("miss", rest.Headers.GetValues("X-Airgap-Cache").Single());
        var restText = (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetString();

        using var call = server.Client.Generate(new GenerateRequest
        {
            Model = GrpcServer.Model, Prompt = Prompt, Options = new Options { Temperature = 0, Seed = 7, NumPredict = 12 },
        });
        var messages = await GrpcServer.ReadAllAsync(call);
        var headers = await call.ResponseHeadersAsync;

        Assert.False(string.IsNullOrEmpty(restText));
        Assert.Equal(restText, string.Concat(messages.Select(m => m.Response)));
        Assert.Equal("hit", headers.GetValue("x-airgap-cache"));
    }

    [Fact]
    public async Task A_chat_answered_over_grpc_first_is_what_rest_then_answers_from_the_cache()
    {
        const string Question = "Is valve 3 open?";
        var request = new ChatRequest { Model = GrpcServer.Model, Options = new Options { Temperature = 0, Seed = 11, NumPredict = 10 } };
        request.Messages.Add(new Message { Role = "user", Content = Question });
        using var call = server.Client.Chat(request);
        var messages = await GrpcServer.ReadAllAsync(call);
        Assert.Equal("miss", (await call.ResponseHeadersAsync).GetValue("x-airgap-cache"));

        using var rest = await server.Http.PostAsJsonAsync("/api/chat", new
        {
            model = GrpcServer.Model, stream = false, messages = new[] { new { role = "user", content = Question } },
            options = new { temperature = 0, seed = 11, num_predict = 10 },
        });
        rest.EnsureSuccessStatusCode();
        var restText = (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetProperty("content").GetString();

        Assert.Equal("hit", rest.Headers.GetValues("X-Airgap-Cache").Single());
        Assert.Equal(string.Concat(messages.Select(m => m.Message.Content)), restText);
        Assert.Equal(10, messages[^1].EvalCount);
    }
}
