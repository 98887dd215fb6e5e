using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

/// <summary>What real Ollama and OpenAI do with a field is what happens here; nothing a request asks for is silently dropped.</summary>
public sealed class RequestFieldsAreHonouredOrRefused(TinyServer server) : IClassFixture<TinyServer>
{
    private async Task<(HttpResponseMessage Response, JsonElement Body)> Post(string path, string json)
    {
        var response = await server.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<string> RawGenerate(string options) =>
        (await Post("/api/generate", $$$"""{"model":"tiny:test","prompt":"the cat and the dog and the cat","raw":true,"stream":false,"options":{{{{options}}}}}"""))
        .Body.GetProperty("response").GetString()!;

    [Fact]
    public async Task An_openai_request_gets_no_repeat_penalty()
    {
        var openAi = (await Post("/v1/completions", """{"model":"tiny:test","prompt":"the cat and the dog and the cat","temperature":0,"max_tokens":32}"""))
            .Body.GetProperty("choices")[0].GetProperty("text").GetString();

        var penalised = await RawGenerate("\"temperature\":0,\"num_predict\":32");
        var unpenalised = await RawGenerate("\"temperature\":0,\"num_predict\":32,\"repeat_penalty\":1.0");
        Assert.NotEqual(penalised, unpenalised); // the prompt is one on which the penalty shows
        Assert.Equal(unpenalised, openAi);
    }

    [Fact]
    public async Task Prompt_eval_count_counts_the_tokens_its_duration_measured()
    {
        const string json = """{"model":"tiny:test","prompt":"a long shared prompt that the second request finds in the KV cache","stream":false,"options":{"num_predict":2,"temperature":0.8}}""";
        var first = (await Post("/api/generate", json)).Body;
        var second = (await Post("/api/generate", json)).Body;

        Assert.True(first.GetProperty("prompt_eval_count").GetInt32() > 10);
        Assert.InRange(second.GetProperty("prompt_eval_count").GetInt32(), 1, first.GetProperty("prompt_eval_count").GetInt32() / 2);
    }

    [Fact]
    public async Task Ollama_tool_calls_carry_no_null_fields()
    {
        var (_, body) = await Post("/api/chat", """
            {"model":"tiny:test","stream":false,"messages":[{"role":"user","content":"what time is it?"}],
             "tools":[{"type":"function","function":{"name":"get_time","description":"the time","parameters":{"type":"object","properties":{"zone":{"type":"string"}}}}}],
             "format":{"type":"object","properties":{"name":{"const":"get_time"},"arguments":{"type":"object","properties":{"zone":{"enum":["utc"]}},"required":["zone"]}},"required":["name","arguments"]},
             "options":{"temperature":0,"num_predict":200}}
            """);

        var call = Assert.Single(body.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_time", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("utc", call.GetProperty("function").GetProperty("arguments").GetProperty("zone").GetString());
        Assert.DoesNotContain("null", call.GetRawText());
    }

    [Fact]
    public async Task Unknown_options_are_ignored_with_a_warning_header()
    {
        var (response, _) = await Post("/api/generate", """{"model":"tiny:test","prompt":"hi","stream":false,"options":{"num_predict":2,"mirostat":2,"num_thread":8}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored options: mirostat, num_thread", response.Headers.GetValues("X-Airgap-Warning").Single());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_with_a_warning_header_in_both_dialects()
    {
        var (ollama, _) = await Post("/api/chat", """{"model":"tiny:test","messages":[{"role":"user","content":"hi"}],"stream":false,"think":true,"template":"x","options":{"num_predict":2,"typical_p":0.5}}""");
        var (openAi, _) = await Post("/v1/chat/completions", """{"model":"tiny:test","messages":[{"role":"user","content":"hi"}],"max_tokens":2,"logit_bias":{"1":5},"user":"u"}""");

        Assert.Equal("ignored fields: think, template; ignored options: typical_p", ollama.Headers.GetValues("X-Airgap-Warning").Single());
        Assert.Equal("ignored fields: logit_bias, user", openAi.Headers.GetValues("X-Airgap-Warning").Single());
    }

    [Fact]
    public async Task A_num_ctx_within_the_served_context_is_accepted_and_a_larger_one_refused()
    {
        var (small, _) = await Post("/api/generate", """{"model":"tiny:test","prompt":"hi","stream":false,"options":{"num_predict":2,"num_ctx":1024}}""");
        var (large, body) = await Post("/api/generate", """{"model":"tiny:test","prompt":"hi","stream":false,"options":{"num_predict":2,"num_ctx":8192}}""");

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.False(small.Headers.Contains("X-Airgap-Warning"));
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.StartsWith("options.num_ctx: 8192 is not served here", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(4)] // inside the opening tag
    [InlineData(24)] // inside the call's JSON
    public async Task A_tool_call_cut_off_by_the_token_limit_leaks_no_markup(int maxTokens)
    {
        var (_, body) = await Post("/v1/chat/completions", """
            {"model":"tiny:test","max_tokens":MAX,"temperature":0,"messages":[{"role":"user","content":"set it"}],
             "tools":[{"type":"function","function":{"name":"set_setpoint","parameters":{"type":"object","properties":{"celsius":{"type":"number"}}}}}],
             "tool_choice":"required"}
            """.Replace("MAX", maxTokens.ToString()));

        var choice = body.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.DoesNotContain("<tool", choice.GetProperty("message").GetProperty("content").GetString() ?? "");
    }
}
