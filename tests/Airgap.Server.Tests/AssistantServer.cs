using Airgap.Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Airgap.Analytics;
using Airgap.Inference.Scheduling;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Tests;

/// <summary>
/// The real server on a free loopback port with the tiny synthetic model registered as tiny:test, which the text
/// assistants ask for everything (classification, autocomplete, embeddings) unless a test's settings say otherwise.
/// </summary>
public sealed class AssistantServer : IAsyncDisposable
{
    public const string Model = "tiny:test";

    private readonly WebApplication _app;

    private AssistantServer(string root, WebApplication app, HttpClient client, AirgapHome home)
    {
        Root = root;
        _app = app;
        Client = client;
        Home = home;
    }

    public string Root { get; }
    public HttpClient Client { get; }
    public AirgapHome Home { get; }

    /// <summary>The server's services, for what has no endpoint (a background service's one round).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts it; <paramref name="settings"/> and <paramref name="server"/> change the assistants' and the server's settings.</summary>
    public static async Task<AssistantServer> StartAsync(Func<AnalyticsOptions, AnalyticsOptions>? settings = null, Func<ServerOptions, ServerOptions>? server = null)
    {
        var root = Directory.CreateTempSubdirectory("airgap-assistants-").FullName;
        var home = new AirgapHome(Path.Combine(root, "home"));
        await TinyModel.ImportAsync(root, home, Model);
        var analytics = new AnalyticsOptions { ClassifyModel = Model, AutocompleteModel = Model, EmbeddingModel = Model };
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var options = new ServerOptions
        {
            Urls = url,
            Inference = new InferenceOptions { ContextLength = 512, Threads = 2 },
            Analytics = settings is null ? analytics : settings(analytics),
        };
        var app = AirgapServer.Build(home, server is null ? options : server(options), new HeaderValidator());
        await app.StartAsync();
        return new AssistantServer(root, app, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) }, home);
    }

    /// <summary>POSTs <paramref name="json"/> and returns the status and the parsed body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var response = await Client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
