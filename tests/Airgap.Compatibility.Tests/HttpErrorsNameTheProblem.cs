using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class HttpErrorsNameTheProblem(TinyServer server) : IClassFixture<TinyServer>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string json)
    {
        var response = await server.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_in_each_dialect()
    {
        var (status, body) = await Post("/api/chat", "{\"model\": \"tiny:test\", ");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("JSON", body.GetProperty("error").GetString());

        (status, body) = await Post("/v1/chat/completions", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named()
    {
        var (status, body) = await Post("/api/generate", """{"model":"tiny:test","prompt":"hi","options":{"temperature":"hot"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("options.temperature: must be a number", body.GetProperty("error").GetString());

        (status, body) = await Post("/v1/chat/completions", """{"model":"tiny:test","messages":[{"role":"user","content":"hi"}],"temperature":5}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("temperature", body.GetProperty("error").GetProperty("param").GetString());

        (status, body) = await Post("/v1/chat/completions", """{"model":"tiny:test","messages":[{"role":"robot","content":"hi"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("messages[0].role", body.GetProperty("error").GetProperty("param").GetString());

        (status, body) = await Post("/v1/chat/completions", """{"model":"tiny:test","messages":[{"role":"user","content":"hi"}],"max_tokens":"many"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("max_tokens", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_that_names_it_and_lists_what_is_available()
    {
        var (status, body) = await Post("/api/chat", """{"model":"llama9:70b","messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model 'llama9:70b' not found; available: tiny:test@1.0.0", body.GetProperty("error").GetString());

        (status, body) = await Post("/v1/chat/completions", """{"model":"llama9:70b","messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("model", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_a_400_with_both_counts()
    {
        var prompt = string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 1500));
        var (status, body) = await Post("/api/generate", JsonSerializer.Serialize(new { model = "tiny:test", prompt }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches(@"^the prompt is \d+ tokens, longer than the context length of 2048 tokens$", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_bad_priority_header_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = JsonContent.Create(new { model = "tiny:test", prompt = "hi" }),
            Headers = { { "X-Priority", "urgent" } },
        };
        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Priority", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_repeated_deterministic_request_is_answered_from_the_cache()
    {
        var json = """{"model":"tiny:test","messages":[{"role":"user","content":"cache me"}],"stream":false,"options":{"temperature":0,"num_predict":8}}""";
        var first = await server.Http.PostAsync("/api/chat", new StringContent(json, Encoding.UTF8, "application/json"));
        var second = await server.Http.PostAsync("/api/chat", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal("miss", first.Headers.GetValues("X-Airgap-Cache").Single());
        Assert.Equal("hit", second.Headers.GetValues("X-Airgap-Cache").Single());
        var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(a.GetProperty("message").GetProperty("content").GetString(), b.GetProperty("message").GetProperty("content").GetString());

        var sampled = json.Replace("\"temperature\":0", "\"temperature\":0.8");
        var third = await server.Http.PostAsync("/api/chat", new StringContent(sampled, Encoding.UTF8, "application/json"));
        Assert.Equal("miss", third.Headers.GetValues("X-Airgap-Cache").Single());
    }

    [Fact]
    public async Task Health_ready_says_whether_each_model_is_loaded()
    {
        var ready = JsonDocument.Parse(await server.Http.GetStringAsync("/health/ready")).RootElement;
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("tiny:test", ready.GetProperty("models")[0].GetProperty("name").GetString());
    }
}
