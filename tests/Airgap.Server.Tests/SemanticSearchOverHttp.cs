using System.Net;
using System.Text.Json;

namespace Airgap.Server.Tests;

public sealed class SemanticSearchOverHttp
{
    private const string Texts = """
        {"texts": [
          {"id": "p3", "text": "Pump 3 is overheating: bearing temperature 92 C", "metadata": {"line": 3, "shift": "night"}},
          {"id": "inv", "text": "Invoice 2231 was paid by the customer"},
          {"id": "door", "text": "Cleanroom door left open during the gowning step"},
          {"text": "Network switch lost its uplink to the historian"}
        ]}
        """;

    private static async Task<JsonElement> Error(AssistantServer server, string path, string json, HttpStatusCode expected)
    {
        var (status, body) = await server.PostAsync(path, json);
        Assert.Equal(expected, status);
        return body.GetProperty("error");
    }

    [Fact]
    public async Task The_built_in_model_finds_texts_by_meaning_with_no_import()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { EmbeddingModel = "all-minilm" });

        var (status, added) = await server.PostAsync("/v1/search/incidents/texts", Texts);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((4, true), (added.GetProperty("added").GetInt32(), added.GetProperty("embedded").GetBoolean()));
        Assert.Equal(["p3", "inv", "door"], added.GetProperty("ids").EnumerateArray().Take(3).Select(i => i.GetString()));

        var (_, found) = await server.PostAsync("/v1/search/incidents", """{"query": "motor temperature too high", "limit": 2}""");
        var results = found.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("embeddings", found.GetProperty("source").GetString());
        Assert.StartsWith("all-minilm", found.GetProperty("model").GetString());
        Assert.Equal(2, results.Count);
        Assert.Equal("p3", results[0].GetProperty("id").GetString());
        Assert.Equal("""{"line":3,"shift":"night"}""", results[0].GetProperty("metadata").GetRawText());
        Assert.True(results[0].GetProperty("score").GetDouble() > results[1].GetProperty("score").GetDouble());

        // The same text again, without an id, is the same entry: nothing new is stored.
        var (_, again) = await server.PostAsync("/v1/search/incidents/texts", """{"texts": [{"text": "Network switch lost its uplink to the historian"}]}""");
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        using var listed = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/search"));
        Assert.Equal("""{"collections":[{"name":"incidents","texts":4}]}""", listed.RootElement.GetRawText());
    }

    [Fact]
    public async Task Without_an_embedding_model_texts_are_kept_and_keywords_rank_them()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { EmbeddingModel = "absent-embedder" });

        var (_, added) = await server.PostAsync("/v1/search/incidents/texts", Texts);
        Assert.False(added.GetProperty("embedded").GetBoolean());
        Assert.Contains("embedding model 'absent-embedder' is not in the registry", added.GetProperty("notes")[0].GetString());

        var (status, found) = await server.PostAsync("/v1/search/incidents", """{"query": "which pump is overheating?"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("keywords", found.GetProperty("source").GetString());
        Assert.Equal(["p3"], found.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Contains("ranked by keywords (BM25), not by meaning", found.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_stores_nothing()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { EmbeddingModel = "absent-embedder", MaxSearchTexts = 4, MaxTextLength = 100 });
        await server.PostAsync("/v1/search/incidents/texts", Texts);

        Assert.Equal("query", (await Error(server, "/v1/search/incidents", """{"query": "  "}""", HttpStatusCode.BadRequest)).GetProperty("param").GetString());
        Assert.Equal("limit", (await Error(server, "/v1/search/incidents", """{"query": "pump", "limit": 0}""", HttpStatusCode.BadRequest)).GetProperty("param").GetString());
        var missing = await Error(server, "/v1/search/nowhere", """{"query": "pump"}""", HttpStatusCode.NotFound);
        Assert.Equal(("collection", "collection_not_found"), (missing.GetProperty("param").GetString(), missing.GetProperty("code").GetString()));
        Assert.Equal("collection", (await Error(server, "/v1/search/.hidden/texts", """{"texts": [{"text": "x"}]}""", HttpStatusCode.BadRequest)).GetProperty("param").GetString());
        Assert.Equal("texts", (await Error(server, "/v1/search/incidents/texts", "{}", HttpStatusCode.BadRequest)).GetProperty("param").GetString());
        Assert.Equal("texts[0].text", (await Error(server, "/v1/search/incidents/texts", $$"""{"texts": [{"text": "{{new string('x', 101)}}"}]}""", HttpStatusCode.BadRequest)).GetProperty("param").GetString());
        Assert.Contains("'a' more than once", (await Error(server, "/v1/search/other/texts", """{"texts": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}""", HttpStatusCode.BadRequest)).GetProperty("message").GetString());
        var full = await Error(server, "/v1/search/incidents/texts", """{"texts": [{"text": "one more"}]}""", HttpStatusCode.BadRequest);
        Assert.Equal("collection_full", full.GetProperty("code").GetString());

        using var listed = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/search"));
        Assert.Equal("""{"collections":[{"name":"incidents","texts":4}]}""", listed.RootElement.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync("/v1/search/incidents/texts/inv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync("/v1/search/incidents/texts/inv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync("/v1/search/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync("/v1/search/incidents")).StatusCode);
    }
}
