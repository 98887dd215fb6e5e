using System.Net;
using System.Net.Sockets;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Endpoints;
using Airgap.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Tests;

public sealed class StartupBannerSaysWhatIsServed
{
    [Fact]
    public async Task The_banner_names_version_home_addresses_models_drop_folders_and_whether_keys_are_required()
    {
        var root = Directory.CreateTempSubdirectory("airgap-banner-").FullName;
        var home = new AirgapHome(Path.Combine(root, "home"));
        var drop = Directory.CreateDirectory(Path.Combine(root, "drop")).FullName;
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var app = AirgapServer.Build(home, new ServerOptions { Urls = url, WatchFolders = [drop], ApiKeys = [ApiKey.Parse("banner-key-0123456789")] },
            new HeaderValidator());
        var logs = new CapturedLogs();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        try
        {
            await app.StartAsync();

            var banner = Assert.Single(logs.Entries, e => e.Message.StartsWith("Airgap ", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Information, banner.Level);
            Assert.Equal(ServerVersion.Current, banner.Fields["Version"]);
            Assert.Equal(home.Root, banner.Fields["Home"]);
            Assert.Equal(url, banner.Fields["Urls"]);
            Assert.Equal(0, banner.Fields["Models"]);
            Assert.Equal(drop, banner.Fields["WatchFolders"]);
            Assert.Equal("on (1 keys)", banner.Fields["Auth"]);
            Assert.DoesNotContain("banner-key-0123456789", banner.Message);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
