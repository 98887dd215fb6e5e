using System.Net;
using System.Net.Sockets;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Tests;

/// <summary>The real server on a free loopback port over a temp home.</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerFixture(string root, WebApplication app, HttpClient client, AirgapHome home)
    {
        Root = root;
        _app = app;
        Client = client;
        Home = home;
    }

    public string Root { get; }
    public HttpClient Client { get; }
    public AirgapHome Home { get; }
    public string WatchFolder => Path.Combine(Root, "drop");

    /// <summary>Starts the server; <paramref name="analytics"/> replaces the default Analytics settings.</summary>
    public static async Task<ServerFixture> StartAsync(Analytics.AnalyticsOptions? analytics = null)
    {
        var root = Directory.CreateTempSubdirectory("airgap-server-").FullName;
        var home = new AirgapHome(Path.Combine(root, "home"));
        Directory.CreateDirectory(Path.Combine(root, "drop"));
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var options = new ServerOptions { Urls = url, WatchFolders = [Path.Combine(root, "drop")], WatchInterval = TimeSpan.FromMilliseconds(200),
            Analytics = analytics ?? new() };
        var app = AirgapServer.Build(home, options, new HeaderValidator());
        await app.StartAsync();
        return new ServerFixture(root, app, new HttpClient { BaseAddress = new Uri(url) }, home);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
