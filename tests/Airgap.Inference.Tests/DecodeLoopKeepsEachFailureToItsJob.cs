using System.Text;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;

namespace Airgap.Inference.Tests;

public sealed class DecodeLoopKeepsEachFailureToItsJob : IDisposable
{
    private readonly TinyModelSite _site = new(new InferenceOptions { ContextLength = 4096, Threads = 2 });

    public void Dispose() => _site.Dispose();

    private static async Task<(string Text, GenerationEvent Final)> ReadAll(GenerationStream stream)
    {
        var text = new StringBuilder();
        await foreach (var e in stream.Events)
        {
            text.Append(e.Text);
            if (e.IsFinal) return (text.ToString(), e);
        }
        throw new InvalidOperationException("the stream ended without a final event");
    }

    [Fact]
    public async Task A_grammar_llama_cpp_refuses_fails_its_own_request_and_the_running_stream_goes_on()
    {
        var running = await _site.Scheduler.GenerateAsync(
            new GenerationRequest("tiny:test", "keep going", new GenerationOptions { Temperature = 0, MaxTokens = 300, IgnoreEos = true }), default);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => _site.Scheduler.GenerateAsync(
            new GenerationRequest("tiny:test", "x", new GenerationOptions { Grammar = "root ::= item{2001}\nitem ::= \"a\"", GrammarField = "format" }), default));

        Assert.Equal("format", refused.Field);
        var (_, final) = await ReadAll(running);
        Assert.Equal(DoneReason.Length, final.Done);
        Assert.Equal(300, final.Stats!.GeneratedTokens);
        Assert.Equal(0, _site.Host.Loaded.Single().Runner.Finished[DoneReason.Error]);
    }

    [Fact]
    public async Task A_generation_past_the_request_timeout_ends_with_its_own_reason()
    {
        using var site = new TinyModelSite(new InferenceOptions { ContextLength = 4096, Threads = 2, RequestTimeout = TimeSpan.FromSeconds(1) });
        var stream = await site.Scheduler.GenerateAsync(
            new GenerationRequest("tiny:test", "write forever", new GenerationOptions { Temperature = 0, IgnoreEos = true }), default);

        // A slow reader: 4,000 tokens would otherwise take far longer than the one-second timeout.
        var events = 0;
        GenerationEvent? final = null;
        await foreach (var e in stream.Events)
        {
            if (e.IsFinal) final = e;
            else if (++events % 50 == 0) await Task.Delay(100);
        }

        Assert.Equal(DoneReason.Timeout, final!.Done);
        Assert.True(final.Stats!.GeneratedTokens < 4000 - stream.PromptTokens);
    }

    [Fact]
    public async Task Concurrent_requests_share_decode_steps()
    {
        var streams = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _site.Scheduler.GenerateAsync(
            new GenerationRequest("tiny:test", $"stream {i}", new GenerationOptions { Temperature = 0, MaxTokens = 40, IgnoreEos = true }), default)));

        var finals = await Task.WhenAll(streams.Select(ReadAll));

        Assert.All(finals, f => Assert.Equal(40, f.Final.Stats!.GeneratedTokens));
        var runner = _site.Host.Loaded.Single().Runner;
        Assert.True(runner.PeakSequencesPerStep >= 2, $"at most {runner.PeakSequencesPerStep} sequence(s) per step");
        Assert.True(runner.DecodeSteps < 4 * 40, $"{runner.DecodeSteps} steps for 160 tokens");
    }

    [Fact]
    public async Task An_unrelated_prompt_takes_the_least_recently_used_slot_and_leaves_a_long_shared_prefix_cached()
    {
        var system = "<|im_start|>system\n" + string.Concat(Enumerable.Repeat("You watch the vacuum chamber and report faults. ", 20)) + "<|im_end|>\n";
        var options = new GenerationOptions { Temperature = 0, MaxTokens = 2 };
        await ReadAll(await _site.Scheduler.GenerateAsync(new GenerationRequest("tiny:test", system + "first question", options), default));
        await ReadAll(await _site.Scheduler.GenerateAsync(new GenerationRequest("tiny:test", "an unrelated prompt about pumps", options), default));

        var (_, final) = await ReadAll(await _site.Scheduler.GenerateAsync(new GenerationRequest("tiny:test", system + "second question", options), default));

        var systemTokens = _site.Host.Loaded.Single().Runner.Tokenize(system, true).Length;
        Assert.True(final.Stats!.CachedPromptTokens >= systemTokens - 1, $"{final.Stats.CachedPromptTokens} of {systemTokens} reused");
    }
}
