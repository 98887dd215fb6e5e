using System.Text.Json;
using Airgap.Analytics.Autocomplete;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Analytics.Tests;

public sealed class AutocompleteRanksHistory : IDisposable
{
    private readonly AssistantSite _site = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T08:00:00Z"));

    public void Dispose() => _site.Dispose();

    private Autocompleter Autocompleter(AnalyticsOptions? options = null)
    {
        options ??= AssistantSite.Options(o => o with { AutocompleteModel = "" });
        return new Autocompleter(new AutocompleteStore(Path.Combine(_site.Home.AnalyticsDirectory, "autocomplete.db"), options.AutocompleteMaxEntries),
            _site.Chat, _site.Embedder, options, _clock);
    }

    internal static AutocompleteContext Context(string json) => AutocompleteContext.From(JsonDocument.Parse(json).RootElement, new AnalyticsOptions());

    private static readonly AutocompleteContext Blood = Context("""{"sample_type": "blood", "equipment": "centrifuge C-2", "previous_step": "labelling"}""");

    [Fact]
    public async Task The_value_accepted_most_often_comes_first()
    {
        var autocomplete = Autocompleter();
        foreach (var value in new[] { "3000 rpm", "4500 rpm", "3000 rpm", "3000 rpm", "4500 rpm", "1200 rpm" })
            autocomplete.Record(Blood, "speed", value);

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 10, null, default);

        Assert.Equal(["3000 rpm", "4500 rpm", "1200 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.Equal([3L, 2, 1], outcome.Suggestions.Select(s => s.Count));
        Assert.All(outcome.Suggestions, s => Assert.Equal(SuggestionSource.History, s.Source));
        Assert.Equal(0.75, outcome.Suggestions[0].Score);
    }

    [Fact]
    public async Task A_value_used_lately_outranks_one_used_more_often_long_ago()
    {
        var autocomplete = Autocompleter();
        foreach (var _ in Enumerable.Range(0, 4)) autocomplete.Record(Blood, "speed", "3000 rpm");
        _clock.Advance(TimeSpan.FromDays(90));
        autocomplete.Record(Blood, "speed", "4500 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 10, null, default);

        // Four uses three half-lives ago weigh 0.5; one use today weighs 1.
        Assert.Equal(["4500 rpm", "3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        Assert.Equal(_clock.GetUtcNow(), outcome.Suggestions[0].LastUsed);
    }

    [Fact]
    public async Task Values_of_the_exact_context_come_before_those_of_similar_contexts()
    {
        var autocomplete = Autocompleter();
        var serum = Context("""{"sample_type": "serum", "equipment": "centrifuge C-2", "previous_step": "labelling"}""");
        foreach (var _ in Enumerable.Range(0, 5)) autocomplete.Record(serum, "speed", "4500 rpm");
        autocomplete.Record(Blood, "speed", "3000 rpm");

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 10, null, default);

        Assert.Equal([("3000 rpm", SuggestionSource.History), ("4500 rpm", SuggestionSource.Similar)],
            outcome.Suggestions.Select(s => (s.Value, s.Source)));
        Assert.Equal(5, outcome.Suggestions[1].Count);
    }

    [Fact]
    public async Task Parameters_and_contexts_keep_their_own_values()
    {
        var autocomplete = Autocompleter();
        autocomplete.Record(Blood, "speed", "3000 rpm");
        autocomplete.Record(Blood, "duration", "10 min");

        var outcome = await autocomplete.SuggestAsync(Blood, "duration", 10, null, default);

        Assert.Equal(["10 min"], outcome.Suggestions.Select(s => s.Value));
    }

    [Fact]
    public async Task The_same_context_spelled_in_another_key_order_is_the_exact_context()
    {
        var autocomplete = Autocompleter();
        autocomplete.Record(Blood, "speed", "3000 rpm");

        var reordered = Context("""{"previous_step": "labelling", "equipment": "centrifuge C-2", "sample_type": "blood"}""");
        var outcome = await autocomplete.SuggestAsync(reordered, "speed", 10, null, default);

        Assert.Equal(SuggestionSource.History, outcome.Suggestions.Single().Source);
    }

    [Fact]
    public async Task The_limit_is_honoured()
    {
        var autocomplete = Autocompleter();
        foreach (var value in new[] { "a", "b", "c", "d" }) autocomplete.Record(Blood, "speed", value);

        var outcome = await autocomplete.SuggestAsync(Blood, "speed", 2, null, default);

        Assert.Equal(2, outcome.Suggestions.Count);
    }
}
