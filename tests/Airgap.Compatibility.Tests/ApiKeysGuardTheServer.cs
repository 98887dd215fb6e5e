using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Airgap.Server.Hosting;
using OpenAI;

namespace Airgap.Compatibility.Tests;

/// <summary>The tiny server with one inference key and one admin key.</summary>
public sealed class KeyedTinyServer : TinyServer
{
    public const string InferenceKey = "inference-key-0123456789";
    public const string AdminKey = "admin-key-0123456789abcdef";

    public KeyedTinyServer() => ApiKeys = [new ApiKey(InferenceKey, ApiKey.Inference), new ApiKey(AdminKey, ApiKey.Admin)];
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
        Assert.Single((await client.GetOpenAIModelClient().GetModelsAsync()).Value);

        var stranger = new OpenAIClient(new ApiKeyCredential("not-a-key-0123456789"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });
        var error = await Assert.ThrowsAsync<ClientResultException>(() => stranger.GetOpenAIModelClient().GetModelsAsync());
        Assert.Equal(401, error.Status);
    }
}
