using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class ErrorsSpeakTheDialectOfTheirPath(TinyServer server) : IClassFixture<TinyServer>
{
    [Theory]
    [InlineData("GET", "/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("POST", "/v1/chat/complete", HttpStatusCode.NotFound)]
    [InlineData("GET", "/v1/chat/completions", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/v1/embeddings", HttpStatusCode.MethodNotAllowed)]
    public async Task An_unknown_openai_route_or_method_answers_an_openai_error(string method, string path, HttpStatusCode expected)
    {
        var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains(path, error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/chat", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/tags", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/elsewhere", HttpStatusCode.NotFound)]
    public async Task An_unknown_ollama_route_or_method_answers_an_ollama_error(string method, string path, HttpStatusCode expected)
    {
        var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(path, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/chat", """{"model":"it's \"quoted\"","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/v1/chat/completions", """{"model":"it's \"quoted\"","messages":[{"role":"user","content":"hi"}]}""")]
    public async Task Apostrophes_and_quotes_are_written_plain(string path, string body)
    {
        var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("it's \\\"quoted\\\"", text);
        Assert.DoesNotContain("\\u0027", text);
        Assert.DoesNotContain("\\u0022", text);
    }
}
