using System.Text;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

public sealed class EmbeddingsGoThroughAdmission : IDisposable
{
    private readonly TinyModelSite _site = new(new InferenceOptions { ContextLength = 2048, Threads = 2, MaxEmbeddingInputs = 100 });

    public void Dispose() => _site.Dispose();

    private static List<string> Inputs(int count) => Enumerable.Range(0, count).Select(i => $"sensor reading number {i} is nominal").ToList();

    // About a thousand tokens each: a hundred of them take seconds, so a cancel after a moment lands mid-batch on any machine.
    private static List<string> LongInputs(int count) =>
        Enumerable.Range(0, count).Select(i => string.Concat(Enumerable.Repeat($"sensor reading number {i} is nominal ", 150))).ToList();

    [Fact]
    public async Task A_large_embedding_batch_does_not_hold_a_generating_stream_until_it_is_done()
    {
        var stream = await _site.Scheduler.GenerateAsync(
            new GenerationRequest("tiny:test", "go", new GenerationOptions { Temperature = 0, MaxTokens = 20, IgnoreEos = true }), default);
        var embedding = _site.Scheduler.EmbedAsync(new EmbeddingRequest("tiny:test", Inputs(80)), default);

        await foreach (var _ in stream.Events) { }

        Assert.False(embedding.IsCompleted, "the generation finished while the batch was still being embedded, one input per step");
        var (_, vectors, _) = await embedding;
        Assert.Equal(80, vectors.Length);
        Assert.All(vectors, v => Assert.NotNull(v));
    }

    [Fact]
    public async Task A_cancelled_embedding_batch_stops_between_inputs()
    {
        using var cancel = new CancellationTokenSource();
        var embedding = _site.Scheduler.EmbedAsync(new EmbeddingRequest("tiny:test", LongInputs(100)), cancel.Token);
        await Task.Delay(300);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedding);
        var (_, after, _) = await _site.Scheduler.EmbedAsync(new EmbeddingRequest("tiny:test", ["still served"]), default);
        Assert.Single(after);
    }

    [Fact]
    public async Task More_inputs_than_the_limit_are_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _site.Scheduler.EmbedAsync(new EmbeddingRequest("tiny:test", Inputs(101)), default));

        Assert.Equal("input", error.Field);
        Assert.Contains("100 allowed", error.Message);
        Assert.Empty(_site.Host.Loaded); // refused before any work, not even a load
    }

    [Fact]
    public async Task No_inputs_give_no_vectors_without_loading_anything()
    {
        var (_, vectors, tokens) = await _site.Scheduler.EmbedAsync(new EmbeddingRequest("tiny:test", []), default);

        Assert.Empty(vectors);
        Assert.Equal(0, tokens);
        Assert.Empty(_site.Host.Loaded);
    }

    [Fact]
    public async Task The_embedding_generator_carries_priority_and_refuses_a_bad_one()
    {
        var generator = new AirgapEmbeddingGenerator(_site.Scheduler, "tiny:test");
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { [AirgapChatProperties.Priority] = 12 } };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => generator.GenerateAsync(["x"], options));

        Assert.Equal("priority", error.Field);
    }

    [Fact]
    public async Task A_cold_chat_reports_its_load_time_because_templating_and_generating_share_one_lease()
    {
        var chat = new AirgapChatClient(_site.Scheduler, "tiny:test");

        var updates = await chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 2 }).ToListAsync();

        var stats = (GenerationStats)updates[^1].AdditionalProperties![AirgapChatProperties.Stats]!;
        Assert.True(stats.LoadTime > TimeSpan.Zero);
        Assert.Equal(1, _site.Host.Loaded.Single().Runner.Finished[DoneReason.Length] + _site.Host.Loaded.Single().Runner.Finished[DoneReason.Stop]);
    }
}
