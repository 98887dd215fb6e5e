using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Airgap.Inference.Engines.Onnx;

namespace Airgap.Server.Tests;

/// <summary>
/// all-minilm over HTTP on a server whose registry is empty: both dialects embed with it, both list it, and asking it
/// to chat is a 400 that says why.
/// </summary>
public sealed class BuiltInEmbeddingModelServesWithoutImport : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body)
    {
        using var response = await _server.Client.PostAsJsonAsync(path, body);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<JsonElement> GetAsync(string path) => JsonDocument.Parse(await _server.Client.GetStringAsync(path)).RootElement.Clone();

    private static double Norm(JsonElement vector) => Math.Sqrt(vector.EnumerateArray().Sum(x => x.GetDouble() * x.GetDouble()));

    [Fact]
    public async Task Ollama_embed_returns_a_unit_vector_of_384_for_each_input()
    {
        var (status, body) = await PostAsync("/api/embed", new { model = "all-minilm", input = new[] { "a", "b" } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("all-minilm", body.GetProperty("model").GetString());
        var embeddings = body.GetProperty("embeddings").EnumerateArray().ToList();
        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.GetArrayLength());
            Assert.InRange(Norm(e), 0.9999, 1.0001);
        });
        Assert.NotEqual(embeddings[0].GetRawText(), embeddings[1].GetRawText());
        Assert.Equal(6, body.GetProperty("prompt_eval_count").GetInt32()); // [CLS] a [SEP], [CLS] b [SEP]
    }

    [Fact]
    public async Task The_legacy_endpoint_embeds_the_prompt()
    {
        var (status, body) = await PostAsync("/api/embeddings", new { model = "all-minilm:latest", prompt = "hello world" });

        Assert.Equal(HttpStatusCode.OK, status);
        var vector = body.GetProperty("embedding");
        Assert.Equal(384, vector.GetArrayLength());
        Assert.Equal(-0.034477, vector[0].GetDouble(), 4);
    }

    [Fact]
    public async Task OpenAi_embeddings_name_the_model_and_count_the_tokens()
    {
        var (status, body) = await PostAsync("/v1/embeddings", new { model = "all-minilm", input = new[] { "the pump is overheating", "invoice paid" } });

        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([0, 1], data.Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(data, d => Assert.Equal(384, d.GetProperty("embedding").GetArrayLength()));
        Assert.True(body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 4);
    }

    [Fact]
    public async Task Both_apis_list_it_with_its_size_digest_and_family()
    {
        var tags = await GetAsync("/api/tags");
        var models = await GetAsync("/v1/models");

        var listed = Assert.Single(tags.GetProperty("models").EnumerateArray());
        Assert.Equal("all-minilm:latest", listed.GetProperty("name").GetString());
        var bytes = MiniLmPackage.ReadModel();
        Assert.Equal(bytes.Length, listed.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), listed.GetProperty("digest").GetString());
        Assert.Equal("bert", listed.GetProperty("details").GetProperty("family").GetString());
        Assert.Equal("onnx", listed.GetProperty("details").GetProperty("format").GetString());
        Assert.Equal("all-minilm:latest", Assert.Single(models.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("all-minilm:latest", (await GetAsync("/v1/models/all-minilm")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Show_says_it_only_embeds()
    {
        var (status, body) = await PostAsync("/api/show", new { model = "all-minilm" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["embedding"], body.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(384, body.GetProperty("model_info").GetProperty("bert.embedding_length").GetInt32());
    }

    [Theory]
    [InlineData("/api/chat", """{"model":"all-minilm","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/api/generate", """{"model":"all-minilm","prompt":"hi"}""")]
    public async Task Ollama_chat_with_it_is_a_400_naming_the_problem(string path, string json)
    {
        using var response = await _server.Client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("model: all-minilm is an embedding model; it cannot chat or generate text", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task OpenAi_chat_with_it_is_a_400_naming_the_model_field()
    {
        var (status, body) = await PostAsync("/v1/chat/completions", new { model = "all-minilm", messages = new[] { new { role = "user", content = "hi" } }, stream = true });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains("all-minilm is an embedding model; it cannot chat", error.GetProperty("message").GetString());
    }
}
