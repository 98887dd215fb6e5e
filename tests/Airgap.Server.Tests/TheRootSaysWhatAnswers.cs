using System.Net;
using System.Net.Http.Headers;
using Airgap.Server.Endpoints;

namespace Airgap.Server.Tests;

public sealed class TheRootSaysWhatAnswers : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_client_is_told_it_is_airgap_and_its_version_in_the_200_text_ollama_clients_probe_for()
    {
        using var response = await _server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith($"Airgap {ServerVersion.Current} is running (Ollama- and OpenAI-compatible API", text);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"))).StatusCode);
    }

    [Fact]
    public async Task A_browser_is_sent_to_the_dashboard()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.Client.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_client_that_accepts_anything_gets_the_text()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is running", await response.Content.ReadAsStringAsync());
    }
}
