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
using Microsoft.Playwright;

namespace Airgap.Ui.Tests;

/// <summary>The real server on a free loopback port serving the tiny synthetic model as tiny:test 1.0.0, and Debian's Chromium driven by Playwright.</summary>
public class DashboardServer : IAsyncLifetime
{
    public const string Model = "tiny:test";
    public const string Version = "1.0.0";

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Root { get; } = Directory.CreateTempSubdirectory("airgap-ui-").FullName;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The imported model's SHA-256, as the registry holds it.</summary>
    public string Digest { get; private set; } = "";

    /// <summary>Keys the server starts with; a derived fixture sets them.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>Where screenshots go: beside the test assembly, so a CI run keeps them with its output.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // Launch the browser first: without Chromium there is nothing to test, and the message says how to get it.
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(ChromiumLauncher.Options());
        var home = new AirgapHome(Path.Combine(Root, "home"));
        var model = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        var registry = new ModelRegistry(home.RegistryPath);
        await new ModelImporter(home, registry, new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(model, ModelName.Parse(Model), SemanticVersion.Parse(Version)), new ImportOptions(AllowUnsigned: true), null, default);
        Digest = registry.List().Single().Digest;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        _app = AirgapServer.Build(home, new ServerOptions
        {
            Urls = BaseAddress.ToString().TrimEnd('/'),
            Inference = new InferenceOptions { ContextLength = 512, Threads = 2 },
            ApiKeys = ApiKeys,
        }, new HeaderValidator());
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh page that records every URL it asks for, in light or dark.</summary>
    public async Task<(IPage Page, List<string> Requested)> OpenAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            { BaseURL = BaseAddress.ToString(), ColorScheme = scheme, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => { lock (requested) requested.Add(request.Url); };
        return (page, requested);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
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

/// <summary>The same server with an inference key and an admin key.</summary>
public sealed class KeyedDashboardServer : DashboardServer
{
    public const string InferenceKey = "inference-key-0123456789";
    public const string AdminKey = "admin-key-0123456789abcdef";

    public KeyedDashboardServer() => ApiKeys = [ApiKey.Parse(InferenceKey + ":" + ApiKey.Inference), ApiKey.Parse(AdminKey + ":" + ApiKey.Admin)];
}
