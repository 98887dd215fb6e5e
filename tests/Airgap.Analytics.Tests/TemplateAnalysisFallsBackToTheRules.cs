using Airgap.Analytics.LogAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Analytics.Tests;

public sealed class TemplateAnalysisFallsBackToTheRules : IDisposable
{
    private readonly LogModelSite _site = new();

    public void Dispose() => _site.Dispose();

    private static readonly LogTemplateGroup DiskFull =
        new("E1", "write <*> failed: No space left on device", 3, "ERROR write /data/a.csv failed: No space left on device");

    private static readonly LogTemplateGroup Started = new("E2", "batch <*> started", 10, "INFO batch 42 started");

    [Fact]
    public async Task With_no_model_configured_the_rules_answer_and_say_so()
    {
        var outcome = await _site.Analyzer(LogModelSite.Options() with { LogModel = "" }).AnalyzeAsync([DiskFull, Started], null, default);

        Assert.Equal(["rules", "rules"], outcome.Analyses.Select(a => a.Source));
        Assert.Equal("critical", outcome.Analyses[0].Severity);
        Assert.Equal("rules", outcome.Source);
        Assert.Null(outcome.Model);
        Assert.Contains("no log model is configured", Assert.Single(outcome.Notes));
    }

    [Fact]
    public async Task A_model_not_in_the_registry_leaves_the_rules_answer()
    {
        var outcome = await _site.Analyzer().AnalyzeAsync([DiskFull], "qwen2.5:3b", default);

        Assert.Equal("rules", Assert.Single(outcome.Analyses).Source);
        Assert.Equal("model 'qwen2.5:3b' is not installed: the rules answered", Assert.Single(outcome.Notes));
        Assert.Equal(0, _site.Cache.Count());
    }

    [Fact]
    public async Task A_model_that_fails_to_load_leaves_the_rules_answer()
    {
        foreach (var blob in Directory.GetFiles(_site.Home.BlobsDirectory))
            await using (var file = File.OpenWrite(blob)) file.SetLength(file.Length / 2);

        var outcome = await _site.Analyzer().AnalyzeAsync([DiskFull, Started], null, default);

        Assert.Equal(["rules", "rules"], outcome.Analyses.Select(a => a.Source));
        Assert.StartsWith("model 'tiny:test' failed (", Assert.Single(outcome.Notes));
        Assert.Equal(0, _site.Cache.Count());
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_leaves_the_rules_answer()
    {
        var silent = new SilentChatClient();
        var clock = new FakeTimeProvider();
        var options = LogModelSite.Options() with { ModelTimeout = TimeSpan.FromSeconds(5) };

        // The timeout runs on a fake clock: the model's five seconds pass when the test says so, not with the machine's load.
        var analyzing = new TemplateAnalyzer(silent, _site.Version, LogRuleSet.Shipped, _site.Cache, options, clock: clock)
            .AnalyzeAsync([DiskFull, Started], null, default);
        await silent.Called;
        clock.Advance(TimeSpan.FromSeconds(5));
        var outcome = await analyzing;

        Assert.Equal(["rules", "rules"], outcome.Analyses.Select(a => a.Source));
        Assert.Contains("did not answer within Analytics:ModelTimeout (00:00:05): the rules answered 2 templates", Assert.Single(outcome.Notes));
        Assert.Equal(0, _site.Cache.Count());
    }

    [Fact]
    public async Task The_model_answers_within_the_vocabulary_then_the_cache_answers_until_a_new_version()
    {
        var analyzer = _site.Analyzer();

        var first = await analyzer.AnalyzeAsync([DiskFull, Started], null, default);
        var second = await analyzer.AnalyzeAsync([DiskFull, Started], null, default);
        _site.Import("1.1.0", seed: 7);
        var third = await analyzer.AnalyzeAsync([DiskFull, Started], null, default);

        Assert.All(first.Analyses, a =>
        {
            Assert.Equal("llm", a.Source);
            Assert.Contains(a.Severity, LogAnalysisVocabulary.Severities);
            Assert.Contains(a.Category, LogAnalysisVocabulary.Categories);
            Assert.InRange(a.LikelyCause.Length, 1, 240);
        });
        Assert.Equal("llm", first.Source);
        Assert.Equal(["cache", "cache"], second.Analyses.Select(a => a.Source));
        Assert.Equal(first.Analyses.Select(a => a with { Source = "cache" }), second.Analyses);
        Assert.Equal(["llm", "llm"], third.Analyses.Select(a => a.Source));
        Assert.Equal(4, _site.Cache.Count());
    }

    [Fact]
    public async Task Only_MaxModelTemplates_go_to_the_model_the_most_urgent_first()
    {
        var options = LogModelSite.Options() with { MaxModelTemplates = 1 };

        var outcome = await _site.Analyzer(options).AnalyzeAsync([Started, DiskFull], null, default);

        Assert.Equal(["rules", "llm"], outcome.Analyses.Select(a => a.Source));
        Assert.Equal("mixed", outcome.Source);
        Assert.Contains("1 templates beyond Analytics:MaxModelTemplates (1) were answered by the rules", outcome.Notes);
    }
}
