using System.Net;
using System.Text.Json;

namespace Airgap.Server.Tests;

public sealed class ClassifyAnswersOverHttp
{
    private const string Categories = """ "categories": ["electrical", "mechanical", "software"] """;
    private const string Examples = """
        "examples": [{"text": "breaker tripped on line 4", "label": "electrical"}, {"text": "bearing noise on pump 2", "label": "mechanical"}]
        """;

    [Fact]
    public async Task One_text_is_classified_by_the_model_into_one_of_the_categories()
    {
        await using var server = await AssistantServer.StartAsync();

        var (status, body) = await server.PostAsync("/v1/classify", $$"""{"text": "motor overheats after ten minutes", {{Categories}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var result = body.GetProperty("results").EnumerateArray().Single();
        Assert.Equal("llm", result.GetProperty("source").GetString());
        Assert.Contains(result.GetProperty("category").GetString(), new[] { "electrical", "mechanical", "software" });
        Assert.Equal(AssistantServer.Model, body.GetProperty("model").GetString());
        Assert.Equal(0, body.GetProperty("notes").GetArrayLength());
    }

    [Fact]
    public async Task A_missing_model_falls_back_to_the_nearest_example_for_every_text_and_says_so()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { ClassifyModel = "qwen3:0.6b" });

        var (status, body) = await server.PostAsync("/v1/classify",
            $$"""{"texts": ["bearing noise on pump 2", "breaker tripped on line 4"], {{Categories}}, {{Examples}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""[{"category":"mechanical","source":"embeddings","confidence":1,"nearest_example":1},{"category":"electrical","source":"embeddings","confidence":1,"nearest_example":0}]""",
            body.GetProperty("results").GetRawText());
        Assert.Equal("""["classification model 'qwen3:0.6b' is not in the registry"]""", body.GetProperty("notes").GetRawText());
    }

    [Fact]
    public async Task Without_a_model_or_an_import_the_built_in_all_minilm_finds_the_nearest_example_by_meaning()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { ClassifyModel = "", EmbeddingModel = "all-minilm" });

        var (status, body) = await server.PostAsync("/v1/classify",
            $$"""{"texts": ["the circuit breaker tripped again", "pump 3 makes a grinding bearing noise"], {{Categories}}, {{Examples}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["electrical", "mechanical"], results.Select(r => r.GetProperty("category").GetString()));
        Assert.All(results, r => Assert.Equal("embeddings", r.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task With_neither_model_nor_embeddings_the_answer_is_unknown_with_a_200_that_says_why()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { ClassifyModel = "", EmbeddingModel = "absent-embedder" });

        var (status, body) = await server.PostAsync("/v1/classify", $$"""{"text": "breaker tripped", {{Categories}}, {{Examples}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""[{"category":"unknown","source":"none"}]""", body.GetProperty("results").GetRawText());
        Assert.Contains("embedding model 'absent-embedder' is not in the registry: texts the model did not classify are unknown",
            body.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Theory]
    [InlineData("""{"categories": ["a", "b"]}""", "text", "text: is required (or texts, a list)")]
    [InlineData("""{"text": "x", "texts": ["y"], "categories": ["a", "b"]}""", "texts", "texts: give text or texts, not both")]
    [InlineData("""{"text": "x"}""", "categories", "categories: is required")]
    [InlineData("""{"text": "", "categories": ["a", "b"]}""", "text", "text: must not be empty")]
    [InlineData("""{"texts": ["x", null], "categories": ["a", "b"]}""", "texts[1]", "texts[1]: must not be empty")]
    [InlineData("""{"text": "x", "categories": ["a", "a"]}""", "categories[1]", "categories[1]: 'a' is listed twice")]
    [InlineData("""{"text": "x", "categories": []}""", "categories", "categories: needs at least one category")]
    [InlineData("""{"text": "x", "categories": ["a", "b"], "examples": [{"text": "y", "label": "c"}]}""", "examples[0].label",
        "examples[0].label: 'c' is not one of the categories")]
    [InlineData("""{"text": "x", "categories": ["a", "b"], "examples": [null]}""", "examples[0]", "examples[0]: must be an object with text and label")]
    [InlineData("""{"text": 7, "categories": ["a", "b"]}""", "text", "text: must be a string")]
    [InlineData("""{"text": "x", "categories": "a"}""", "categories", "categories: must be a list")]
    public async Task Malformed_requests_are_refused_naming_the_field(string json, string param, string message)
    {
        await using var server = await AssistantServer.StartAsync();

        var (status, body) = await server.PostAsync("/v1/classify", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal((message, param, "invalid_request_error"),
            (error.GetProperty("message").GetString(), error.GetProperty("param").GetString(), error.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task More_texts_than_the_setting_allows_are_refused_before_any_model_is_asked()
    {
        await using var server = await AssistantServer.StartAsync(o => o with { MaxClassifyTexts = 2 });

        var (status, body) = await server.PostAsync("/v1/classify", """{"texts": ["x", "y", "z"], "categories": ["a", "b"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("texts: has 3 texts, more than the 2 allowed (setting Analytics:MaxClassifyTexts)",
            body.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(JsonSerializer.Deserialize<JsonElement>(await server.Client.GetStringAsync("/api/ps")).GetProperty("models").EnumerateArray());
    }
}
