using System.Text.Json;
using Airgap.Analytics.Autocomplete;
using Airgap.Inference.Errors;
using Microsoft.Data.Sqlite;

namespace Airgap.Analytics.Tests;

public sealed class AutocompleteRefusesBadInputAndStaysBounded : IDisposable
{
    private static readonly AnalyticsOptions Options = AssistantSite.Options(o => o with
    {
        AutocompleteModel = "", MaxTextLength = 40, MaxContextDepth = 2, MaxSuggestions = 5, AutocompleteMaxEntries = 3,
    });

    private readonly AssistantSite _site = new();
    private readonly AutocompleteStore _store;
    private readonly Autocompleter _autocomplete;

    public AutocompleteRefusesBadInputAndStaysBounded()
    {
        _store = new AutocompleteStore(Path.Combine(_site.Home.AnalyticsDirectory, "autocomplete.db"), Options.AutocompleteMaxEntries);
        _autocomplete = new Autocompleter(_store, _site.Chat, _site.Embedder, Options);
        _autocomplete.Record(AutocompleteContext.Empty, "speed", "3000 rpm");
    }

    public void Dispose() => _site.Dispose();

    [Theory]
    [InlineData("[1]", "context", "must be a JSON object")]
    [InlineData("\"blood\"", "context", "must be a JSON object")]
    [InlineData("""{"a": {"b": {"c": 1}}}""", "context", "nests deeper than the 2 levels allowed (setting Analytics:MaxContextDepth)")]
    [InlineData("""{"a": [[1]]}""", "context", "nests deeper than the 2 levels allowed (setting Analytics:MaxContextDepth)")]
    [InlineData("""{"notes": "a very long note about the centrifuge's lid"}""", "context",
        "is 55 characters as JSON, longer than the 40 allowed (setting Analytics:MaxTextLength)")]
    public void A_bad_context_is_refused_naming_the_field(string json, string field, string problem)
    {
        var refusal = Assert.Throws<InvalidRequestException>(() => AutocompleteContext.From(JsonDocument.Parse(json).RootElement, Options));

        Assert.Equal((field, $"{field}: {problem}"), (refusal.Field, refusal.Message));
    }

    [Theory]
    [InlineData("", "3000 rpm", "parameter", "must not be empty")]
    [InlineData(null, "3000 rpm", "parameter", "must not be empty")]
    [InlineData("speed", " ", "value", "must not be empty")]
    [InlineData("speed", "3000 rpm, or 3500 rpm when the rotor is the large one", "value",
        "is 53 characters, longer than the 40 allowed (setting Analytics:MaxTextLength)")]
    public void A_bad_record_is_refused_naming_the_field_and_nothing_is_stored(string? parameter, string value, string field, string problem)
    {
        var before = Snapshot();

        var refusal = Assert.Throws<InvalidRequestException>(() => _autocomplete.Record(AutocompleteContext.Empty, parameter, value));

        Assert.Equal((field, $"{field}: {problem}"), (refusal.Field, refusal.Message));
        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task A_limit_beyond_the_setting_is_refused(int limit)
    {
        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() => _autocomplete.SuggestAsync(AutocompleteContext.Empty, "speed", limit, null, default));

        Assert.Equal($"limit: must be between 1 and 5 (setting Analytics:MaxSuggestions), got {limit}", refusal.Message);
    }

    [Fact]
    public async Task Past_the_bound_the_least_recently_used_values_are_forgotten()
    {
        foreach (var value in new[] { "3500 rpm", "4000 rpm", "4500 rpm" })
        {
            await Task.Delay(5); // distinct last-use times, in milliseconds
            _autocomplete.Record(AutocompleteContext.Empty, "speed", value);
        }

        var outcome = await _autocomplete.SuggestAsync(AutocompleteContext.Empty, "speed", 5, null, default);

        Assert.Equal(3, _store.Count());
        Assert.Equal(["3500 rpm", "4000 rpm", "4500 rpm"], outcome.Suggestions.Select(s => s.Value).Order());
    }

    [Fact]
    public async Task Values_survive_a_restart_in_a_WAL_database()
    {
        var reopened = new Autocompleter(new AutocompleteStore(_store.Path, 3), _site.Chat, _site.Embedder, Options);

        var outcome = await reopened.SuggestAsync(AutocompleteContext.Empty, "speed", 5, null, default);

        Assert.Equal(["3000 rpm"], outcome.Suggestions.Select(s => s.Value));
        using var connection = new SqliteConnection($"Data Source={_store.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    private string Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={_store.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(parameter || '=' || value || '×' || count, ';') FROM accepted";
        return command.ExecuteScalar()?.ToString() ?? "";
    }
}
