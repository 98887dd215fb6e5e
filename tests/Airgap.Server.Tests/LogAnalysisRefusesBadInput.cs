using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Airgap.Analytics;
using Airgap.Analytics.LogAnalysis;

namespace Airgap.Server.Tests;

public sealed class LogAnalysisRefusesBadInput : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new AnalyticsOptions { MaxLogBytes = 4096, MaxLogLines = 20 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Sends a request and asserts the status, the OpenAI-shaped error naming the field, and that nothing was cached.</summary>
    private async Task<string> Refused(HttpContent content, HttpStatusCode status, string param, string path = "/v1/logs/analyze")
    {
        var response = await _server.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, new LogAnalysisCache(Path.Combine(_server.Home.AnalyticsDirectory, LogAnalysisCache.FileName)).Count());
        return error.GetProperty("message").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{", "body", "body: is not valid JSON")]
    [InlineData("[]", "body", "body: must be a JSON object with entries or text")]
    [InlineData("{}", "entries", "entries: send either entries (one entry or a list) or text, not both and not neither")]
    [InlineData("""{"entries": ["a"], "text": "b"}""", "entries", "entries: send either entries")]
    [InlineData("""{"entries": 3}""", "entries", "entries: must be a string (one entry) or a list of strings")]
    [InlineData("""{"entries": ["ok", 7]}""", "entries[1]", "entries[1]: must be a string (one log entry)")]
    [InlineData("""{"text": ["a"]}""", "text", "text: must be a string")]
    [InlineData("""{"text": " \n \n"}""", "text", "text: holds no log lines")]
    [InlineData("""{"entries": []}""", "entries", "entries: holds no log lines")]
    [InlineData("""{"entries": "x", "format": "<Date> <Level>"}""", "format", "format: log format '<Date> <Level>' has no <Content> field")]
    [InlineData("""{"entries": "x", "format": 5}""", "format", "format: must be a string")]
    [InlineData("""{"entries": "x", "model": "Bad Name!"}""", "model", "model: ")]
    public async Task Malformed_json_is_a_400_naming_the_field(string body, string param, string message)
    {
        Assert.StartsWith(message, await Refused(Json(body), HttpStatusCode.BadRequest, param));
    }

    [Fact]
    public async Task More_lines_than_MaxLogLines_is_a_400_naming_the_setting()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 21).Select(i => $"line {i}"));

        var message = await Refused(Json(JsonSerializer.Serialize(new { text = lines })), HttpStatusCode.BadRequest, "text");

        Assert.Equal("text: has more than Analytics:MaxLogLines (20) lines", message);
    }

    [Fact]
    public async Task A_body_larger_than_MaxLogBytes_is_a_413_naming_the_setting()
    {
        var body = JsonSerializer.Serialize(new { text = new string('x', 5000) });

        var message = await Refused(Json(body), HttpStatusCode.RequestEntityTooLarge, "body");

        Assert.Equal("body: is larger than Analytics:MaxLogBytes (4096 bytes)", message);
    }

    [Fact]
    public async Task An_upload_without_a_length_is_refused_as_it_passes_MaxLogBytes()
    {
        // Streamed without Content-Length: the bound can only be checked while the bytes arrive.
        var file = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ERROR disk full " + new string('x', 600) + "\n", 10)))));
        using var form = new MultipartFormDataContent { { file, "file", "big.log" } };
        var chunked = new UnsizedContent(await form.ReadAsByteArrayAsync());
        chunked.Headers.ContentType = form.Headers.ContentType;

        var message = await Refused(chunked, HttpStatusCode.RequestEntityTooLarge, "body");

        Assert.Equal("body: is larger than Analytics:MaxLogBytes (4096 bytes)", message);
    }

    [Fact]
    public async Task An_upload_without_a_file_part_names_file()
    {
        using var form = new MultipartFormDataContent { { new StringContent("<Content>"), "format" } };

        Assert.StartsWith("file: is missing", await Refused(form, HttpStatusCode.BadRequest, "file"));
    }

    [Fact]
    public async Task An_unknown_content_type_names_it()
    {
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        Assert.StartsWith("Content-Type: 'application/octet-stream' is not accepted", await Refused(content, HttpStatusCode.BadRequest, "Content-Type"));
    }

    /// <summary>A body sent chunked: no Content-Length for the server to check up front.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var i = 0; i < bytes.Length; i += 1024) await stream.WriteAsync(bytes.AsMemory(i, Math.Min(1024, bytes.Length - i)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
