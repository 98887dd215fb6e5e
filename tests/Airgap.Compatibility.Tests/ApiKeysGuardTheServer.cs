using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Airgap.Server.Hosting;
using OpenAI;

namespace Airgap.Compatibility.Tests;

/// <summary>The tiny server with one inference key and one admin key.</summary>
public sealed class KeyedTinyServer : TinyServer
{
    public const string InferenceKey = "inference-key-0123456789";
    public const string AdminKey = "admin-key-0123456789abcdef";

    public KeyedTinyServer() => ApiKeys = [ApiKey.Parse(InferenceKey + ":" + ApiKey.Inference), ApiKey.Parse(AdminKey + ":" + ApiKey.Admin)];
}

public sealed class ApiKeysGuardTheServer(KeyedTinyServer server) : IClassFixture<KeyedTinyServer>
{
    private async Task<HttpStatusCode> Send(HttpMethod method, string path, string? key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return (await server.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Every_endpoint_but_health_needs_a_key()
    {
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, "/health", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/api/tags", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/v1/models", "wrong-key-0123456789"));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/tags", KeyedTinyServer.InferenceKey));
    }

    // What shows no data: liveness, the root banner, the dashboard's files and the API description.
    private static readonly HashSet<string> Public = ["/health", "/", "/ui", "/ui/{file}", "/openapi/{documentName}.json"];

    [Fact]
    public async Task Every_mapped_route_but_the_public_ones_answers_401_without_a_key()
    {
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: Path(e), e.RoutePattern.RawText)))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/health/ready");
        Assert.Contains(routes, r => r.Path == "/api/chat");
        Assert.Contains(routes, r => r.Path == "/api/airgap/audit");

        foreach (var (method, path, pattern) in routes)
        {
            var status = await Send(new HttpMethod(method), path, null, method is "POST" or "DELETE" ? "{}" : null);
            if (Public.Contains(pattern ?? "")) Assert.True(status != HttpStatusCode.Unauthorized, $"{method} {path}: {status}");
            else Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {path}: {status}");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/ui")]
    [InlineData("/ui/dashboard.js")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/openapi/index.html")]
    public async Task The_banner_dashboard_and_api_description_answer_without_a_key(string path) =>
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, path, null));

    [Fact]
    public async Task The_audit_trail_needs_an_admin_key_and_the_registry_list_any_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/api/airgap/audit", null));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Get, "/api/airgap/audit", KeyedTinyServer.InferenceKey));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/airgap/audit", KeyedTinyServer.AdminKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/api/airgap/models", null));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/airgap/models", KeyedTinyServer.InferenceKey));
    }

    // A concrete path for a route pattern: each parameter filled with a plausible value.
    private static string Path(RouteEndpoint e) =>
        "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart => "tiny:test",
            _ => "x",
        }))));

    [Fact]
    public async Task Health_ready_needs_a_key_and_says_which_models_are_loaded()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/health/ready", null));
        await Send(HttpMethod.Post, "/api/generate", KeyedTinyServer.InferenceKey, """{"model":"tiny:test","keep_alive":"10m"}""");

        var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", KeyedTinyServer.InferenceKey) } };
        var ready = JsonDocument.Parse(await (await server.Http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        var model = Assert.Single(ready.GetProperty("models").EnumerateArray(), m => m.GetProperty("name").GetString() == "tiny:test");
        Assert.Equal("1.0.0", model.GetProperty("version").GetString());
        Assert.True(model.GetProperty("loaded").GetBoolean());
    }

    [Fact]
    public async Task Changing_models_needs_an_admin_key()
    {
        const string copy = """{"source":"tiny:test","destination":"tiny:copy"}""";
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Post, "/api/copy", KeyedTinyServer.InferenceKey, copy));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Post, "/api/copy", KeyedTinyServer.AdminKey, copy));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Delete, "/api/delete", KeyedTinyServer.AdminKey, """{"model":"tiny:copy"}"""));
        Assert.Equal(HttpStatusCode.NotFound, await Send(HttpMethod.Delete, "/api/delete", KeyedTinyServer.AdminKey, """{"model":"tiny:copy"}"""));
    }

    [Fact]
    public async Task The_openai_sdk_authenticates_with_its_api_key()
    {
        var client = new OpenAIClient(new ApiKeyCredential(KeyedTinyServer.InferenceKey), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });
        Assert.Contains((await client.GetOpenAIModelClient().GetModelsAsync()).Value, m => m.Id == "tiny:test");

        var stranger = new OpenAIClient(new ApiKeyCredential("not-a-key-0123456789"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });
        var error = await Assert.ThrowsAsync<ClientResultException>(() => stranger.GetOpenAIModelClient().GetModelsAsync());
        Assert.Equal(401, error.Status);
    }
}
