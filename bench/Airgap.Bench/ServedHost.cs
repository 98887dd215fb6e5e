using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Bench;

/// <summary>
/// The served path: the model imported into a temporary home and Airgap's server on a loopback port, reached only
/// through HTTP. Shared by the main run and the memory probe, so both measure the same configuration.
/// </summary>
public sealed class ServedHost : IAsyncDisposable
{
    /// <summary>The name the model is served under.</summary>
    public const string Model = "bench:model";

    /// <summary>The tiny synthetic model's name, where a run serves it too (the gateway's per-job cost).</summary>
    public const string TinyModel = "bench:tiny";

    /// <summary>Context per sequence and slots: the raw baseline and llama.cpp's tools are given the same.</summary>
    public const int ContextLength = 1024, Parallel = 8, BatchSize = 512;

    private readonly WebApplication _app;

    private ServedHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
        Load = new ServedLoad(http, Model);
        TinyLoad = new ServedLoad(http, TinyModel);
    }

    public HttpClient Http { get; }

    public ServedLoad Load { get; }

    /// <summary>Requests for <see cref="TinyModel"/>, which only a server started with a tiny model answers.</summary>
    public ServedLoad TinyLoad { get; }

    public static async Task<ServedHost> StartAsync(string modelPath, int threads, string work, string? tinyPath = null)
    {
        var home = await HomeAsync(Path.Combine(work, "home"), modelPath, tinyPath);
        var url = $"http://127.0.0.1:{Loopback.FreePort()}";
        var app = AirgapServer.Build(home, new ServerOptions { Urls = url, Inference = Inference(threads) }, new HeaderValidator(),
            ["--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return new ServedHost(app, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) });
    }

    /// <summary>A data home at <paramref name="root"/> holding the model as <see cref="Model"/> (and the tiny one as <see cref="TinyModel"/>), imported unsigned.</summary>
    public static async Task<AirgapHome> HomeAsync(string root, string? modelPath, string? tinyPath = null)
    {
        var home = new AirgapHome(root);
        var importer = new ModelImporter(home, new ModelRegistry(home.RegistryPath), new HeaderValidator());
        foreach (var (path, name) in new[] { (modelPath, Model), (tinyPath, TinyModel) })
        {
            if (path is null) continue;
            await importer.ImportFileAsync(ImportSource.FromFile(path, ModelName.Parse(name), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(AllowUnsigned: true), null, default);
        }
        return home;
    }

    /// <summary>The engine settings every served configuration of the bench runs with.</summary>
    public static InferenceOptions Inference(int threads) =>
        new() { Threads = threads, Parallel = Parallel, ContextLength = ContextLength, BatchSize = BatchSize };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
