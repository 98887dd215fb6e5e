using Airgap.Analytics.Autocomplete;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Analytics.Tests;

public sealed class AutocompleteAsksTheModelOnlyWhenHistoryIsThin : IDisposable
{
    private static readonly AutocompleteContext Blood = AutocompleteRanksHistory.Context("""{"sample_type": "blood", "equipment": "centrifuge C-2"}""");

    private readonly AssistantSite _site = new();

    public void Dispose() => _site.Dispose();

    private Autocompleter Autocompleter(AnalyticsOptions options, IChatClient? chat = null) =>
        new(new AutocompleteStore(Path.Combine(_site.Home.AnalyticsDirectory, "autocomplete.db"), options.AutocompleteMaxEntries),
            chat ?? _site.Chat, _site.Embedder, options);

    [Fact]
    public async Task Thin_history_is_topped_up_by_the_model_and_each_suggestion_names_its_source()
    {
        var autocomplete = Autocompleter(AssistantSite.Options(o => o with { AutocompleteHistoryThreshold = 3 }));
        autocomplete.Record(Blood, "speed", "3000 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 5, null, default);

        Assert.Equal(("3000 rpm", SuggestionSource.History), (outcome.Suggestions[0].Value, outcome.Suggestions[0].Source));
        Assert.All(outcome.Suggestions.Skip(1), s => Assert.Equal((SuggestionSource.Llm, 0L, (DateTimeOffset?)null), (s.Source, s.Count, s.LastUsed)));
        Assert.Equal(outcome.Suggestions.Count, outcome.Suggestions.Select(s => s.Value).Distinct().Count());
        Assert.InRange(outcome.Suggestions.Count, 1, 5);
        Assert.Empty(outcome.Notes);
    }

    [Fact]
    public async Task History_at_the_threshold_is_answered_without_the_model()
    {
        var silent = new SilentChatClient();
        var autocomplete = Autocompleter(AssistantSite.Options(o => o with { AutocompleteHistoryThreshold = 2 }), silent);
        autocomplete.Record(Blood, "speed", "3000 rpm");
        autocomplete.Record(Blood, "speed", "4500 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 5, null, default);

        Assert.Equal(0, silent.Calls);
        Assert.Equal(2, outcome.Suggestions.Count);
        Assert.Empty(outcome.Notes);
    }

    [Fact]
    public async Task Without_a_configured_model_history_alone_answers()
    {
        var autocomplete = Autocompleter(AssistantSite.Options(o => o with { AutocompleteModel = "" }));
        autocomplete.Record(Blood, "speed", "3000 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 5, null, default);

        Assert.Equal(["3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.Equal(["history is thin and no autocomplete model is configured (setting Analytics:AutocompleteModel)"], outcome.Notes);
    }

    [Fact]
    public async Task A_model_missing_from_the_registry_leaves_history_alone()
    {
        var autocomplete = Autocompleter(AssistantSite.Options(o => o with { AutocompleteModel = "qwen3:0.6b" }));
        autocomplete.Record(Blood, "speed", "3000 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 5, null, default);

        Assert.Equal(["3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.Equal(["autocomplete model 'qwen3:0.6b' is not in the registry: history only"], outcome.Notes);
    }

    [Fact]
    public async Task A_model_error_leaves_history_alone()
    {
        var autocomplete = Autocompleter(AssistantSite.Options());
        // A context longer than the tiny model's 512-token window: the model refuses the prompt.
        var huge = AutocompleteRanksHistory.Context($$"""{"notes": "{{string.Join(' ', Enumerable.Repeat("vibration on conveyor belt", 400))}}"}""");
        autocomplete.Record(huge, "speed", "3000 rpm");

        var outcome = await autocomplete.SuggestAsync(huge, "speed", 5, null, default);

        Assert.Equal(["3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.StartsWith("autocomplete model 'tiny:test' failed: the prompt is ", Assert.Single(outcome.Notes));
    }

    [Fact]
    public async Task A_model_past_its_timeout_leaves_history_alone()
    {
        var silent = new SilentChatClient();
        var clock = new FakeTimeProvider();
        var options = AssistantSite.Options(o => o with { ModelTimeout = TimeSpan.FromSeconds(5) });
        var autocomplete = new Autocompleter(new AutocompleteStore(Path.Combine(_site.Home.AnalyticsDirectory, "autocomplete.db"), 100),
            silent, _site.Embedder, options, clock);
        autocomplete.Record(Blood, "speed", "3000 rpm");

        var suggesting = autocomplete.SuggestAsync(Blood, "speed", 5, null, default);
        await silent.Called;
        clock.Advance(TimeSpan.FromSeconds(5));
        var outcome = await suggesting;

        Assert.Equal(["3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.Equal(["autocomplete model 'tiny:test' did not answer within 5 s (setting Analytics:ModelTimeout): history only"], outcome.Notes);
    }

    [Fact]
    public async Task An_unavailable_embedding_model_skips_similar_contexts_and_says_so()
    {
        var autocomplete = Autocompleter(AssistantSite.Options(o => o with { AutocompleteModel = "", EmbeddingModel = "absent-embedder" }));
        autocomplete.Record(Blood, "speed", "3000 rpm");
        autocomplete.Record(AutocompleteRanksHistory.Context("""{"sample_type": "serum"}"""), "speed", "4500 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 5, null, default);

        Assert.Equal(["3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.Contains("embedding model 'absent-embedder' is not in the registry: similar contexts were not searched", outcome.Notes);
    }
}
