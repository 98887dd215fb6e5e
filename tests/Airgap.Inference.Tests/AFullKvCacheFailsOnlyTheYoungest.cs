using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using LLama.Native;

namespace Airgap.Inference.Tests;

/// <summary>The KV-full path through a decode fault: per-sequence caches never fill on demand, so llama.cpp's answer is scripted.</summary>
public sealed class AFullKvCacheFailsOnlyTheYoungest : IDisposable
{
    private readonly TinyModelSite _site = new(new InferenceOptions { ContextLength = 2048, Threads = 2 });

    public void Dispose() => _site.Dispose();

    private LlamaRunner Runner => ((LlamaModelRunner)_site.Host.Loaded.Single().Runner).Runner;

    private Task<GenerationStream> Start(string prompt, int maxTokens) => _site.Scheduler.GenerateAsync(
        new GenerationRequest("tiny:test", prompt, new GenerationOptions { Temperature = 0, MaxTokens = maxTokens, IgnoreEos = true }), default);

    private static async Task<GenerationEvent> Final(IAsyncEnumerator<GenerationEvent> events)
    {
        while (await events.MoveNextAsync())
            if (events.Current.IsFinal) return events.Current;
        throw new InvalidOperationException("no final event");
    }

    [Fact]
    public async Task A_prompt_that_does_not_fit_is_read_in_smaller_chunks_instead_of_failing()
    {
        (await Start("warm up", 1)).Events.ToBlockingEnumerable().ToList();
        var largest = 0;
        Runner.DecodeFault = count =>
        {
            if (count > 48) return DecodeResult.NoKvSlot;
            largest = Math.Max(largest, count);
            return null;
        };

        var stream = await Start(string.Concat(Enumerable.Repeat("pump pressure nominal ", 60)), 5);
        var final = await Final(stream.Events.GetAsyncEnumerator());

        Assert.Equal(DoneReason.Length, final.Done);
        Assert.True(stream.PromptTokens > 100);
        Assert.InRange(largest, 1, 48);
    }

    [Fact]
    public async Task When_no_chunk_fits_the_youngest_sequence_fails_and_the_older_one_goes_on()
    {
        var older = (await Start("the older request", 120)).Events.GetAsyncEnumerator();
        Assert.True(await older.MoveNextAsync());
        // Both cannot fit together: a step of exactly their two tokens fails. The younger's prompt (several tokens with the
        // older's one) still goes in, so it yields its first token; armed before it starts, not after that token, so a
        // loaded machine cannot let it finish unfaulted in between.
        Runner.DecodeFault = count => count == 2 ? DecodeResult.NoKvSlot : null;
        var younger = (await Start("the younger request", 120)).Events.GetAsyncEnumerator();
        Assert.True(await younger.MoveNextAsync());

        var youngerFinal = await Final(younger);
        Runner.DecodeFault = null;
        var olderFinal = await Final(older);
        Assert.Equal(DoneReason.Error, youngerFinal.Done);
        Assert.Contains("NoKvSlot", youngerFinal.Error);
        Assert.Equal(DoneReason.Length, olderFinal.Done);
        Assert.Equal(120, olderFinal.Stats!.GeneratedTokens);
    }
}
