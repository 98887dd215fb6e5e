using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Airgap.Analytics;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Airgap.Gateway.Tests;

/// <summary>
/// A plant in miniature on loopback: real nats-server, a real gateway (`serve --gateway`) over a temp home, and workers
/// with the tiny synthetic model as tiny:test, in this process or as `airgap worker` processes that can be killed.
/// </summary>
public sealed class GatewaySite : IAsyncDisposable
{
    public const string Model = "tiny:test";

    private readonly List<IHost> _workers = [];
    private readonly List<Process> _processes = [];
    private readonly Func<ServerOptions, ServerOptions>? _server;
    private WebApplication? _gateway;

    private GatewaySite(string root, NatsServer nats, GatewayOptions options, AnalyticsOptions analytics, Func<ServerOptions, ServerOptions>? server)
    {
        _server = server;
        Root = root;
        Nats = nats;
        Options = options;
        Analytics = analytics;
    }

    public string Root { get; }
    public NatsServer Nats { get; }
    public GatewayOptions Options { get; }
    public AnalyticsOptions Analytics { get; }
    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider GatewayServices => _gateway!.Services;

    /// <summary>The key the site's own calls present when the gateway has keys.</summary>
    public string? SiteKey { get; private init; }

    /// <summary>A gateway on <paramref name="nats"/> with <paramref name="settings"/> over the defaults (short waits for tests).</summary>
    public static async Task<GatewaySite> StartAsync(NatsServer nats, Func<GatewayOptions, GatewayOptions>? settings = null, AnalyticsOptions? analytics = null,
        Func<ServerOptions, ServerOptions>? server = null, string? siteKey = null)
    {
        var root = Directory.CreateTempSubdirectory("airgap-gateway-").FullName;
        var options = new GatewayOptions
        {
            Enabled = true, Nats = nats.Url, StartTimeout = TimeSpan.FromSeconds(20), AckWait = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500), AgingStep = TimeSpan.FromSeconds(30), Replicas = nats.Nodes > 1 ? 3 : 1,
        };
        var site = new GatewaySite(root, nats, settings is null ? options : settings(options), analytics ?? new AnalyticsOptions(), server) { SiteKey = siteKey };
        await site.StartGatewayAsync();
        return site;
    }

    /// <summary>Starts (or starts again, on the same home) the gateway.</summary>
    public async Task StartGatewayAsync()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var server = new ServerOptions
        {
            Urls = url,
            Inference = new InferenceOptions { ContextLength = 512, Threads = 1 },
            Analytics = Analytics,
            Gateway = Options,
        };
        var options = _server is null ? server : _server(server);
        _gateway = AirgapServer.Build(new AirgapHome(Path.Combine(Root, "gateway")), options, new HeaderValidator());
        await _gateway.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(3) };
        // With keys, the site's own calls go with the key it was given; a test's request names its own key.
        if (SiteKey is not null) Client.DefaultRequestHeaders.Authorization = new("Bearer", SiteKey);
        // The gateway sets up the stream in the background (NATS may come up later); tests start once it is there.
        string? problem = null;
        try
        {
            await GatewayClient.EventuallyAsync(async () =>
            {
                var gateway = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/api/ps")).RootElement.GetProperty("gateway");
                problem = gateway.TryGetProperty("problem", out var p) ? p.GetString() : null;
                return problem is null;
            }, "the gateway's job stream");
        }
        catch (TimeoutException e)
        {
            // A CI run once timed out here on a three-node cluster: the gateway's own words say why next time.
            throw new TimeoutException($"{e.Message}; the gateway last said: {problem}", e);
        }
    }

    /// <summary>Stops the gateway; queued jobs stay on the stream.</summary>
    public async Task StopGatewayAsync()
    {
        Client.Dispose();
        await _gateway!.StopAsync();
        await _gateway.DisposeAsync();
        _gateway = null;
    }

    /// <summary>A worker in this process over a new home holding tiny:test.</summary>
    public async Task<IHost> StartWorkerAsync(int parallel = 2, WorkerExtensions? extensions = null)
    {
        var home = await WorkerHomeAsync();
        var worker = WorkerHost.Build(home, new InferenceOptions { ContextLength = 1024, Threads = 1, Parallel = parallel }, Options, [Model], extensions);
        await worker.StartAsync();
        _workers.Add(worker);
        return worker;
    }

    /// <summary>A worker as an `airgap worker` process, so a test can kill it as a power cut would.</summary>
    public async Task<Process> StartWorkerProcessAsync(int parallel = 1)
    {
        var home = await WorkerHomeAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "airgap.dll"), "worker", "--nats", Options.Nats, "--models", Model,
                     "--parallel", parallel.ToString(), "--threads", "1", "--ctx", "1024" })
            start.ArgumentList.Add(arg);
        start.Environment["AIRGAP_HOME"] = home.Root;
        start.Environment["AIRGAP_Gateway__AckWait"] = Options.AckWait.ToString();
        start.Environment["AIRGAP_Gateway__HeartbeatInterval"] = Options.HeartbeatInterval.ToString();
        start.Environment["AIRGAP_Gateway__Replicas"] = Options.Replicas.ToString();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start airgap worker");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Waits until the gateway's /api/ps lists <paramref name="count"/> live workers.</summary>
    public async Task WaitForWorkersAsync(int count)
    {
        var directory = (WorkerDirectory)GatewayServices.GetService(typeof(WorkerDirectory))!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (directory.Live().Count != count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"expected {count} live workers, have {directory.Live().Count}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        foreach (var worker in _workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }
        if (_gateway is not null) await StopGatewayAsync();
        Directory.Delete(Root, recursive: true);
    }

    private async Task<AirgapHome> WorkerHomeAsync()
    {
        var model = Path.Combine(Root, "tiny.gguf");
        if (!File.Exists(model)) SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        var home = new AirgapHome(Path.Combine(Root, $"worker{_workers.Count + _processes.Count}"));
        await new ModelImporter(home, new ModelRegistry(home.RegistryPath), new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(model, ModelName.Parse(Model), SemanticVersion.Parse("1.0.0")), new ImportOptions(AllowUnsigned: true), null, default);
        return home;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
