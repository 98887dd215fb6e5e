using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Airgap.Server.Tests;

public sealed class AnInProcessServerChecksItsSettingsAtStart : IDisposable
{
    private readonly AirgapHome _home = new(Directory.CreateTempSubdirectory("airgap-start-").FullName);

    public void Dispose() => Directory.Delete(_home.Root, recursive: true);

    [Fact]
    public async Task An_out_of_range_inference_limit_stops_the_start_naming_the_setting()
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:1", Inference = new() { Parallel = 0 } };
        await using var app = AirgapServer.Build(_home, options, new HeaderValidator());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("AirgapOptions.Inference.Parallel must be between 1 and 64", error.Message);
    }

    [Fact]
    public void A_malformed_listen_address_is_refused_before_kestrel_reads_it_as_every_interface()
    {
        var options = new ServerOptions { Urls = "http://0.0.0.0:8080x" };

        var error = Assert.Throws<ArgumentException>(() => AirgapServer.Build(_home, options, new HeaderValidator()));

        Assert.Contains("'http://0.0.0.0:8080x' is not a listen address", error.Message);
    }
}
