using Airgap.Gateway;
using Airgap.Inference.Scheduling;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Airgap.Bench;

/// <summary>
/// The gateway path: one worker in this process (`airgap worker`'s host, the served path's engine settings) over its
/// own home holding the model and the tiny one, and a gateway (`serve --gateway`) in front of it, both on one nats-server; reached only
/// through the gateway's HTTP.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly IHost _worker;
    private readonly WebApplication _gateway;

    private GatewayHost(IHost worker, WebApplication gateway, HttpClient http)
    {
        _worker = worker;
        _gateway = gateway;
        Http = http;
        Load = new ServedLoad(http, ServedHost.Model);
        TinyLoad = new ServedLoad(http, ServedHost.TinyModel);
    }

    public HttpClient Http { get; }

    public ServedLoad Load { get; }

    public ServedLoad TinyLoad { get; }

    /// <summary>The gateway's address, for clients of its own (the simulated workstations).</summary>
    public Uri Address => Http.BaseAddress!;

    /// <summary>What the gateway's /api/ps shows: its workers, the queue per priority, each caller's requests in flight.</summary>
    public GatewayStatus Status => _gateway.Services.GetRequiredService<GatewayStatus>();

    public static async Task<GatewayHost> StartAsync(string modelPath, string tinyPath, int threads, string work, string nats)
    {
        var home = await ServedHost.HomeAsync(Path.Combine(work, "worker"), modelPath, tinyPath);
        return await StartAsync(home, [ServedHost.Model, ServedHost.TinyModel], ServedHost.Inference(threads), work, nats, [], new FairnessOptions());
    }

    /// <summary>
    /// Only the tiny model, its worker running <paramref name="inference"/>'s parallel jobs, behind a gateway that accepts
    /// <paramref name="keys"/> and limits each caller by <paramref name="fairness"/>: the simulated workstations' site.
    /// </summary>
    public static async Task<GatewayHost> StartTinyAsync(string tinyPath, InferenceOptions inference, string work, string nats,
        IReadOnlyList<ApiKey> keys, FairnessOptions fairness)
    {
        var home = await ServedHost.HomeAsync(Path.Combine(work, "worker"), null, tinyPath);
        return await StartAsync(home, [ServedHost.TinyModel], inference, work, nats, keys, fairness);
    }

    private static async Task<GatewayHost> StartAsync(AirgapHome home, IReadOnlyList<string> models, InferenceOptions inference, string work, string nats,
        IReadOnlyList<ApiKey> keys, FairnessOptions fairness)
    {
        // The production defaults (ack wait, heartbeats, aging): the figures are what a site gets without tuning.
        var options = new GatewayOptions { Enabled = true, Nats = nats };
        var worker = await StartWorkerAsync(home, inference, options, models);
        WebApplication? gateway = null;
        try
        {
            var url = $"http://127.0.0.1:{Loopback.FreePort()}";
            gateway = AirgapServer.Build(new AirgapHome(Path.Combine(work, "gateway")),
                new ServerOptions { Urls = url, Inference = inference, Gateway = options, ApiKeys = keys, Fairness = fairness }, new HeaderValidator(),
                ["--Logging:LogLevel:Default=Warning"]);
            await gateway.StartAsync();
            await WaitForWorkerAsync(gateway.Services.GetRequiredService<GatewayStatus>());
            return new GatewayHost(worker, gateway, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) });
        }
        catch
        {
            if (gateway is not null) await gateway.DisposeAsync();
            await worker.StopAsync();
            worker.Dispose();
            throw;
        }
    }

    private static async Task<IHost> StartWorkerAsync(AirgapHome home, InferenceOptions inference, GatewayOptions options, IReadOnlyList<string> models)
    {
        // The worker host logs every job it starts to the console writer current when its logger is made; a null writer
        // then keeps hundreds of lines per round out of the figures (a failed job still reaches the client as an error).
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            var worker = WorkerHost.Build(home, inference, options, models);
            await worker.StartAsync();
            return worker;
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    // The gateway sets up the job stream in the background and learns of workers from their heartbeats.
    private static async Task WaitForWorkerAsync(GatewayStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var snapshot = await status.ReadAsync(default);
            if (snapshot.Problem is null && snapshot.Workers.Count > 0) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the gateway did not see its worker within 60 s: {snapshot.Problem ?? $"{snapshot.Workers.Count} workers"}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _worker.StopAsync();
        _worker.Dispose();
    }
}
