using System.Text;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;

namespace Airgap.Inference.Tests;

public sealed class RunnerGeneratesWithContinuousBatching : IDisposable
{
    private readonly TinyModelSite _site = new();

    public void Dispose() => _site.Dispose();

    private async Task<(string Text, GenerationEvent Final)> Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        var stream = await _site.Scheduler.GenerateAsync(new GenerationRequest("tiny:test", prompt, options), cancellationToken);
        var text = new StringBuilder();
        GenerationEvent? final = null;
        await foreach (var e in stream.Events)
        {
            text.Append(e.Text);
            if (e.IsFinal) final = e;
        }
        return (text.ToString(), final!);
    }

    [Fact]
    public async Task Greedy_generation_stops_at_max_tokens_and_repeats_exactly()
    {
        var options = new GenerationOptions { Temperature = 0, MaxTokens = 12 };

        var (first, done) = await Generate("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", options);
        var (second, again) = await Generate("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", options);

        Assert.Equal(DoneReason.Length, done.Done);
        Assert.Equal(12, done.Stats!.GeneratedTokens);
        Assert.Equal(first, second);
        Assert.True(again.Stats!.CachedPromptTokens > 0, "the second identical prompt reuses the cached prefix");
    }

    [Fact]
    public async Task Eight_concurrent_requests_all_complete_with_their_own_token_budgets()
    {
        var tasks = Enumerable.Range(1, 8).Select(i =>
            Generate($"request number {i}", new GenerationOptions { Temperature = 0.7f, Seed = (uint)i, MaxTokens = 4 + i })).ToList();

        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(DoneReason.Length, results[i].Final.Done);
            Assert.Equal(5 + i, results[i].Final.Stats!.GeneratedTokens);
        }
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused_with_both_counts()
    {
        var error = await Assert.ThrowsAsync<ContextLengthExceededException>(() =>
            Generate(string.Concat(Enumerable.Repeat("word ", 2000)), new GenerationOptions()));

        Assert.Equal(512, error.ContextLength);
        Assert.True(error.PromptTokens > 512);
    }

    [Fact]
    public async Task A_stop_sequence_ends_generation_and_is_not_emitted()
    {
        var (free, _) = await Generate("abc", new GenerationOptions { Temperature = 0, MaxTokens = 24 });
        Assert.True(free.Length > 4, $"the model produced '{free}'");
        var stop = free.Substring(free.Length / 2, 2);

        var (stopped, final) = await Generate("abc", new GenerationOptions { Temperature = 0, MaxTokens = 24, Stop = [stop] });

        Assert.Equal(DoneReason.Stop, final.Done);
        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], stopped);
    }

    [Fact]
    public async Task Embeddings_are_normalized_and_differ_between_inputs()
    {
        var (_, vectors, tokens) = await _site.Scheduler.EmbedAsync(new EmbeddingRequest("tiny:test", ["hello world", "something else"]), default);

        Assert.Equal(2, vectors.Length);
        Assert.Equal(256, vectors[0].Length);
        Assert.All(vectors, v => Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001));
        Assert.NotEqual(vectors[0], vectors[1]);
        Assert.True(tokens > 2);
    }
}

public sealed class ASlowReaderPausesItsSequence : IDisposable
{
    private readonly TinyModelSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_reader_that_falls_behind_pauses_its_sequence_and_loses_nothing()
    {
        var stream = await _site.Scheduler.GenerateAsync(
            new GenerationRequest("tiny:test", "write forever", new GenerationOptions { Temperature = 0, IgnoreEos = true }), default);

        // Unread, the 511 tokens the context allows would take about 0.15 s; the sequence must stop at the channel's bound.
        await Task.Delay(800);
        var runner = _site.Host.Loaded.Single().Runner;
        Assert.Equal(1, runner.Running);
        Assert.Equal(0, runner.Finished[DoneReason.Length]);

        var events = new List<GenerationEvent>();
        await foreach (var e in stream.Events) events.Add(e);

        Assert.True(events.Count > GenerationJob.OutputCapacity, $"{events.Count} events");
        Assert.Equal(DoneReason.Length, events[^1].Done);
        Assert.Equal(511 - stream.PromptTokens + 1, events[^1].Stats!.GeneratedTokens);
    }
}
