using System.Net;
using Microsoft.Data.Sqlite;

namespace Airgap.Server.Tests;

public sealed class AutocompleteAnswersOverHttp
{
    private const string Context = """ "context": {"sample_type": "blood", "equipment": "centrifuge C-2", "previous_step": "labelling"} """;

    [Fact]
    public async Task Recorded_values_come_back_ranked_with_their_source()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { AutocompleteModel = "" });
        foreach (var value in new[] { "\"3000 rpm\"", "\"4500 rpm\"", "\"3000 rpm\"" })
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("/v1/autocomplete/record", $$"""{{{Context}}, "parameter": "speed", "value": {{value}}}""")).Status);

        var (status, body) = await server.PostAsync("/v1/autocomplete", $$"""{{{Context}}, "parameter": "speed", "limit": 5}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var suggestions = body.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(["3000 rpm", "4500 rpm"], suggestions.Select(s => s.GetProperty("value").GetString()));
        Assert.All(suggestions, s => Assert.Equal("history", s.GetProperty("source").GetString()));
        Assert.Equal([2, 1], suggestions.Select(s => s.GetProperty("count").GetInt32()));
        Assert.True(suggestions[0].GetProperty("score").GetDouble() > suggestions[1].GetProperty("score").GetDouble());
        Assert.True(suggestions[0].TryGetProperty("last_used", out _));
        Assert.Equal(["history is thin and no autocomplete model is configured (setting Analytics:AutocompleteModel)"],
            body.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task A_record_answers_the_new_count_and_a_number_is_stored_as_written()
    {
        await using var server = await AssistantServer.StartAsync();

        await server.PostAsync("/v1/autocomplete/record", $$"""{{{Context}}, "parameter": "temperature", "value": 4.0}""");
        var (status, body) = await server.PostAsync("/v1/autocomplete/record", $$"""{{{Context}}, "parameter": "temperature", "value": 4.0}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("temperature", "4.0", 2), (body.GetProperty("parameter").GetString(), body.GetProperty("value").GetString(), body.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Thin_history_is_topped_up_by_the_model()
    {
        await using var server = await AssistantServer.StartAsync();
        await server.PostAsync("/v1/autocomplete/record", $$"""{{{Context}}, "parameter": "speed", "value": "3000 rpm"}""");

        var (status, body) = await server.PostAsync("/v1/autocomplete", $$"""{{{Context}}, "parameter": "speed", "limit": 4}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var suggestions = body.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(("3000 rpm", "history"), (suggestions[0].GetProperty("value").GetString(), suggestions[0].GetProperty("source").GetString()));
        Assert.All(suggestions.Skip(1), s => Assert.Equal("llm", s.GetProperty("source").GetString()));
        Assert.InRange(suggestions.Count, 1, 4);
    }

    [Theory]
    [InlineData("""{"context": [1], "parameter": "speed", "value": "x"}""", "context", "context: must be a JSON object")]
    [InlineData("""{"context": {"a": {"b": {"c": {"d": {"e": 1}}}}}, "parameter": "speed", "value": "x"}""", "context",
        "context: nests deeper than the 4 levels allowed (setting Analytics:MaxContextDepth)")]
    [InlineData("""{"context": {}, "value": "x"}""", "parameter", "parameter: must not be empty")]
    [InlineData("""{"context": {}, "parameter": "speed"}""", "value", "value: must not be empty")]
    [InlineData("""{"context": {}, "parameter": "speed", "value": {"rpm": 3000}}""", "value", "value: must be a string, a number or true/false")]
    [InlineData("""{"context": {}, "parameter": 7, "value": "x"}""", "parameter", "parameter: must be a string")]
    [InlineData("""{"context": {}, "parameter": "speed", "value": "x" """, "body", null)]
    public async Task A_malformed_record_is_refused_naming_the_field_and_nothing_is_stored(string json, string param, string? message)
    {
        await using var server = await AssistantServer.StartAsync();

        var (status, body) = await server.PostAsync("/v1/autocomplete/record", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        if (message is not null) Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(0, StoredValues(server));
    }

    [Theory]
    [InlineData("""{"context": {}, "parameter": "speed", "limit": 0}""", "limit", "limit: must be between 1 and 20 (setting Analytics:MaxSuggestions), got 0")]
    [InlineData("""{"context": {}, "parameter": "speed", "limit": 21}""", "limit", "limit: must be between 1 and 20 (setting Analytics:MaxSuggestions), got 21")]
    [InlineData("""{"context": {}, "parameter": ""}""", "parameter", "parameter: must not be empty")]
    [InlineData("""{"context": "blood", "parameter": "speed"}""", "context", "context: must be a JSON object")]
    public async Task A_malformed_suggestion_request_is_refused_naming_the_field(string json, string param, string message)
    {
        await using var server = await AssistantServer.StartAsync();

        var (status, body) = await server.PostAsync("/v1/autocomplete", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal((param, message), (error.GetProperty("param").GetString(), error.GetProperty("message").GetString()));
    }

    private static long StoredValues(AssistantServer server)
    {
        var path = Path.Combine(server.Home.AnalyticsDirectory, "autocomplete.db");
        if (!File.Exists(path)) return 0;
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'accepted'";
        if ((long)command.ExecuteScalar()! == 0) return 0;
        command.CommandText = "SELECT count(*) FROM accepted";
        return (long)command.ExecuteScalar()!;
    }
}
