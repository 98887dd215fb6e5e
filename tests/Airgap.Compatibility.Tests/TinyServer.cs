using System.Net;
using System.Net.Sockets;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Compatibility.Tests;

/// <summary>The real server on a free loopback port, serving the tiny synthetic model as tiny:test.</summary>
public class TinyServer : IAsyncLifetime
{
    private WebApplication? _app;

    public string Root { get; } = Directory.CreateTempSubdirectory("airgap-compat-").FullName;
    public Uri BaseAddress { get; private set; } = null!;
    public AirgapHome Home { get; private set; } = null!;

    /// <summary>Where /api/pull looks for packs.</summary>
    public string PackFolder => Path.Combine(Root, "packs");
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The running server's services: its endpoints, registry and scheduler, for in-process callers.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Options the fixture starts with; a test class may set them in its constructor.</summary>
    public InferenceOptions Inference { get; init; } = new() { ContextLength = 2048, Threads = 2 };
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    public async Task InitializeAsync()
    {
        // Client and server share this process's thread pool; on 2 cores a fast stream's continuations could
        // otherwise keep the client's socket callbacks waiting, which separate processes never do.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
        var home = Home = new AirgapHome(Path.Combine(Root, "home"));
        Directory.CreateDirectory(PackFolder);
        var model = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        var importer = new ModelImporter(home, new ModelRegistry(home.RegistryPath), new HeaderValidator());
        await importer.ImportFileAsync(
            ImportSource.FromFile(model, ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0")), new ImportOptions(AllowUnsigned: true), null, default);
        await ImportMoreAsync(importer);
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        _app = AirgapServer.Build(home, new ServerOptions { Urls = BaseAddress.ToString().TrimEnd('/'), Inference = Inference, ApiKeys = ApiKeys, PackSources = [PackFolder] }, new HeaderValidator());
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Imports what a derived fixture serves besides tiny:test, before the server starts.</summary>
    protected virtual Task ImportMoreAsync(ModelImporter importer) => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(Root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
