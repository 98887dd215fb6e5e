using Airgap.Tests.Shared;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Scheduling;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Airgap.Server.Jobs;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Tests.Jobs;

/// <summary>
/// The real server on a free loopback port over a temp home with the tiny synthetic model as tiny:test, which can be
/// stopped and started again on the same home (and jobs.db) with other job settings.
/// </summary>
public sealed class JobServer : IAsyncDisposable
{
    public const string Model = "tiny:test";

    private readonly string _root;
    private IReadOnlyList<ApiKey> _keys;
    private WebApplication _app;
    private string _url;

    private JobServer(string root, AirgapHome home, IReadOnlyList<ApiKey> keys, WebApplication app, string url)
    {
        _root = root;
        Home = home;
        _keys = keys;
        _app = app;
        _url = url;
    }

    public AirgapHome Home { get; }

    /// <summary>A client without an API key.</summary>
    public HttpClient Client { get; private set; } = null!;

    public static async Task<JobServer> StartAsync(JobOptions? jobs = null, params string[] apiKeys)
    {
        var root = Directory.CreateTempSubdirectory("airgap-jobs-").FullName;
        var home = new AirgapHome(Path.Combine(root, "home"));
        await TinyModel.ImportAsync(root, home, Model);
        var keys = apiKeys.Select(ApiKey.Parse).ToList();
        var (app, url) = await StartAppAsync(home, keys, jobs ?? new JobOptions());
        var server = new JobServer(root, home, keys, app, url);
        server.Client = server.ClientWith(null);
        return server;
    }

    /// <summary>
    /// Stops the server as `serve` stops on SIGTERM and starts a new one on the same home with <paramref name="jobs"/>
    /// (and <paramref name="apiKeys"/> instead of the old keys when given).
    /// </summary>
    public async Task RestartAsync(JobOptions jobs, params string[]? apiKeys)
    {
        if (apiKeys is { Length: > 0 }) _keys = apiKeys.Select(ApiKey.Parse).ToList();
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        (_app, _url) = await StartAppAsync(Home, _keys, jobs);
        Client = ClientWith(null);
    }

    /// <summary>A client that presents <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient ClientWith(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(_url), Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>POSTs <paramref name="json"/>, with `Prefer: respond-async` when <paramref name="async"/>, and any extra headers.</summary>
    public static async Task<(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement Body)> PostAsync(HttpClient client, string path, string json,
        bool async = true, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (async) request.Headers.Add("Prefer", "respond-async");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>GETs <paramref name="path"/> and returns the status and the parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Polls the job until it is no longer queued or running (a minute at most) and returns it.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var (status, job) = await GetAsync(client, "/v1/jobs/" + id);
            Assert.Equal(HttpStatusCode.OK, status);
            if (job.GetProperty("status").GetString() is not (JobStatus.Queued or JobStatus.Running)) return job;
            Assert.True(DateTime.UtcNow < deadline, $"job {id} still {job.GetProperty("status")} after a minute");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static async Task<(WebApplication, string)> StartAppAsync(AirgapHome home, IReadOnlyList<ApiKey> keys, JobOptions jobs)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var options = new ServerOptions
        {
            Urls = url,
            ApiKeys = keys,
            Inference = new InferenceOptions { ContextLength = 512, Threads = 2 },
            Jobs = jobs,
        };
        var app = AirgapServer.Build(home, options, new HeaderValidator());
        await app.StartAsync();
        return (app, url);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
