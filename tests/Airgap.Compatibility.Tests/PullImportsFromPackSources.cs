using System.Net;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Synthetic;
using OllamaSharp;
using OllamaSharp.Models;

namespace Airgap.Compatibility.Tests;

public sealed class PullImportsFromPackSources(TinyServer server) : IClassFixture<TinyServer>
{
    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) });

    [Fact]
    public async Task Ollama_pull_imports_the_highest_version_of_a_signed_pack_from_a_pack_source()
    {
        var (keyPath, publicPath) = SigningKeys.Create(Path.Combine(server.Root, "vendor"));
        new TrustedKeyStore(server.Home).Trust(publicPath);
        var model = Path.Combine(server.Root, "pulled.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny, seed: 9);
        using (var key = SigningKeys.LoadPrivate(keyPath))
        {
            foreach (var version in new[] { "1.0.0", "1.2.0", "1.1.0" })
                await PackWriter.WriteAsync(Path.Combine(server.PackFolder, $"pulled-{version}"),
                    new PackRequest(ModelName.Parse("pulled:small"), SemanticVersion.Parse(version), null, null, null), [(model, "model.gguf")], key);
        }

        var statuses = new List<PullModelResponse?>();
        await foreach (var status in Client().PullModelAsync(new PullModelRequest { Model = "pulled:small" })) statuses.Add(status);

        Assert.Equal("success", statuses.Last()!.Status);
        Assert.Contains(statuses, s => s!.Status.StartsWith("pulling manifest of pulled:small@1.2.0"));
        var listed = (await Client().ListLocalModelsAsync()).Select(m => m.Name).ToList();
        Assert.Contains("pulled:small", listed);
    }

    [Fact]
    public async Task Pulling_a_name_no_source_holds_is_a_404()
    {
        var response = await server.Http.PostAsync("/api/pull", new StringContent("""{"model":"absent:model"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("absent:model", await response.Content.ReadAsStringAsync());
    }
}
