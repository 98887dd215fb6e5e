using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Airgap.Inference.Chat;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Compatibility.Tests;

public sealed class ResponseCacheKeepsEachCallersOwnAnswers(KeyedTinyServer server) : IClassFixture<KeyedTinyServer>
{
    private const string Deterministic = """{"model":"tiny:test","messages":[{"role":"user","content":"whose answer?"}],"stream":false,"options":{"temperature":0,"num_predict":4}}""";

    private async Task<string> CacheHeader(string key, string body, string path = "/api/chat", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Airgap-Cache").Single();
    }

    [Fact]
    public async Task One_keys_cached_answer_is_never_given_to_another_key()
    {
        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.InferenceKey, Deterministic));
        Assert.Equal("hit", await CacheHeader(KeyedTinyServer.InferenceKey, Deterministic));

        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.AdminKey, Deterministic));
    }

    [Fact]
    public async Task The_responses_api_keeps_each_keys_answers_apart_too()
    {
        const string body = """{"model":"tiny:test","input":"whose response?","temperature":0,"max_output_tokens":4}""";
        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.InferenceKey, body, "/v1/responses"));
        Assert.Equal("hit", await CacheHeader(KeyedTinyServer.InferenceKey, body, "/v1/responses"));

        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.AdminKey, body, "/v1/responses"));
    }

    [Fact]
    public async Task A_retry_under_another_Idempotency_Key_is_the_same_question_and_answered_from_the_cache()
    {
        const string body = """{"model":"tiny:test","messages":[{"role":"user","content":"retried question"}],"stream":false,"options":{"temperature":0,"num_predict":4}}""";

        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.InferenceKey, body, idempotencyKey: "try-1"));
        Assert.Equal("hit", await CacheHeader(KeyedTinyServer.InferenceKey, body, idempotencyKey: "try-2"));
    }

    [Fact]
    public async Task A_seed_of_minus_one_is_random_and_never_cached()
    {
        var random = """{"model":"tiny:test","messages":[{"role":"user","content":"roll"}],"stream":false,"options":{"seed":-1,"num_predict":4}}""";

        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.InferenceKey, random));
        Assert.Equal("miss", await CacheHeader(KeyedTinyServer.InferenceKey, random));
    }

    [Fact]
    public async Task An_in_process_request_on_the_default_model_is_cached_too()
    {
        using var chat = new ChatClientBuilder(new AirgapChatClient(server.Services.GetRequiredService<InferenceScheduler>(), "tiny:test"))
            .UseResponseCache(server.Services.GetRequiredService<ModelRegistry>())
            .Build();
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 4 };

        var first = await chat.GetStreamingResponseAsync("in process", options).ToListAsync();
        var second = await chat.GetStreamingResponseAsync("in process", options).ToListAsync();

        Assert.DoesNotContain(first, u => u.AdditionalProperties?.ContainsKey(ResponseCacheChatClient.HitProperty) == true);
        Assert.All(second, u => Assert.True(u.AdditionalProperties?.ContainsKey(ResponseCacheChatClient.HitProperty)));
        Assert.Equal(string.Concat(first.Select(u => u.Text)), string.Concat(second.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(DoneReason.Cancelled)]
    [InlineData(DoneReason.Error)]
    public async Task An_answer_that_did_not_end_normally_is_not_cached(DoneReason done)
    {
        var engine = new EndingWith(done);
        using var chat = new ChatClientBuilder(engine).UseResponseCache(server.Services.GetRequiredService<ModelRegistry>()).Build();
        var options = new ChatOptions { ModelId = "tiny:test", Temperature = 0 };

        await chat.GetStreamingResponseAsync("interrupted", options).ToListAsync();
        var again = await chat.GetStreamingResponseAsync("interrupted", options).ToListAsync();

        Assert.Equal(2, engine.Calls);
        Assert.DoesNotContain(again, u => u.AdditionalProperties?.ContainsKey(ResponseCacheChatClient.HitProperty) == true);
    }

    /// <summary>An engine whose every run ends with the given reason, as a run cut short by the scheduler does.</summary>
    private sealed class EndingWith(DoneReason done) : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Calls++;
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "partial");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "")
            {
                FinishReason = ChatFinishReason.Stop,
                AdditionalProperties = new() { [AirgapChatProperties.DoneReason] = done },
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
