using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Tests;

public sealed partial class OpenApiDescribesEveryRoute : IAsyncLifetime
{
    private AssistantServer _server = null!;

    public async Task InitializeAsync() => _server = await AssistantServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> Document()
    {
        using var response = await _server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Every_mapped_endpoint_is_in_the_document()
    {
        var paths = (await Document()).GetProperty("paths");
        var routes = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // gRPC's methods (and its Unimplemented answers) are described by airgap.proto and server reflection, not by OpenAPI.
            .Where(e => e.DisplayName?.StartsWith("gRPC - ", StringComparison.Ordinal) != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: OpenApiPath(e.RoutePattern))))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/api/chat");

        var missing = routes
            .Where(r => r.Path != "/openapi/{documentName}.json") // the document does not describe itself
            .Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method.ToLowerInvariant(), out _))
            .Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("/api/generate")]
    [InlineData("/api/chat")]
    [InlineData("/api/embed")]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/embeddings")]
    [InlineData("/v1/responses")]
    [InlineData("/v1/classify")]
    [InlineData("/v1/autocomplete")]
    [InlineData("/v1/search/{collection}")]
    [InlineData("/v1/logs/analyze")]
    public async Task Endpoints_that_take_a_body_show_its_schema_and_an_example(string path)
    {
        var post = (await Document()).GetProperty("paths").GetProperty(path).GetProperty("post");

        var json = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(json.TryGetProperty("schema", out _), path + " has no schema");
        Assert.Equal(JsonValueKind.Object, json.GetProperty("example").ValueKind);
    }

    [Fact]
    public async Task The_main_endpoints_show_an_example_answer()
    {
        var paths = (await Document()).GetProperty("paths");
        foreach (var path in new[] { "/api/generate", "/api/chat", "/api/embed", "/v1/chat/completions", "/v1/embeddings" })
            Assert.Equal(JsonValueKind.Object, paths.GetProperty(path).GetProperty("post").GetProperty("responses").GetProperty("200")
                .GetProperty("content").GetProperty("application/json").GetProperty("example").ValueKind);
    }

    [Fact]
    public async Task The_document_names_airgap_its_version_and_the_bearer_key()
    {
        var document = await Document();

        Assert.Equal("Airgap", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(Endpoints.ServerVersion.Current, document.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal(["Airgap", "Health", "Ollama API", "OpenAI API", "Tasks", "Jobs", "KServe v2"],
            document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_reference_page_and_every_file_it_loads_are_served_here()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { BaseAddress = _server.Client.BaseAddress };
        using var page = await client.GetAsync("/openapi");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.DoesNotContain("//", string.Concat(assets.Select(a => a.Split('?')[0])));
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, asset));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_request_example_is_accepted_by_its_endpoint()
    {
        // Left out: changing the registry (delete, copy, pull), placeholder images, and retraining (it needs 50 stored
        // readings first). The model is the one served here; the detector is made by the examples before it.
        var examples = Documentation.ApiExamples.ByRoute
            .Where(e => e.Key.StartsWith("POST ", StringComparison.Ordinal) && !e.Key.Contains("/vision/")
                && e.Key is not ("POST /api/copy" or "POST /api/pull" or "POST /v1/anomaly/detectors/{name}/retrain"))
            .ToList();
        Assert.True(examples.Count >= 20);
        var refused = new List<string>();
        foreach (var (route, example) in examples)
        {
            var path = route[5..].Replace("{collection}", "incidents").Replace("{name}", "pump3").Replace("{detector}", "pump3");
            if (path.StartsWith("/v2/", StringComparison.Ordinal)) path = "/v2/models/all-minilm/infer";
            var body = example.Request.Replace("qwen3:0.6b", AssistantServer.Model);
            using var response = await _server.Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode) refused.Add($"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    // A concrete OpenAPI path for a route pattern: parameters as {name}, without catch-all stars or constraints.
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+\.(?:js|css)[^"]*)""")]
    private static partial Regex AssetReference();
}
