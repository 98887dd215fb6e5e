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

    /// <summary>Context per sequence and slots: the raw baseline and llama.cpp's tools are given the same.</summary>
    public const int ContextLength = 1024, Parallel = 8, BatchSize = 512;

    private readonly WebApplication _app;

    private ServedHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
        Load = new ServedLoad(http, Model);
    }

    public HttpClient Http { get; }

    public ServedLoad Load { get; }

    public static async Task<ServedHost> StartAsync(string modelPath, int threads, string work)
    {
        var home = new AirgapHome(Path.Combine(work, "home"));
        await new ModelImporter(home, new ModelRegistry(home.RegistryPath), new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(modelPath, ModelName.Parse(Model), SemanticVersion.Parse("1.0.0")),
            new ImportOptions(AllowUnsigned: true), null, default);

        var url = $"http://127.0.0.1:{Loopback.FreePort()}";
        var inference = new InferenceOptions { Threads = threads, Parallel = Parallel, ContextLength = ContextLength, BatchSize = BatchSize };
        var app = AirgapServer.Build(home, new ServerOptions { Urls = url, Inference = inference }, new HeaderValidator(),
            ["--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return new ServedHost(app, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
