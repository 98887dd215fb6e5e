using System.Net;
using System.Text;
using System.Text.Json;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;

namespace Airgap.Compatibility.Tests;

public sealed class CopyRefusesADowngrade(TinyServer server) : IClassFixture<TinyServer>
{
    [Fact]
    public async Task Copying_an_older_version_over_a_newer_name_is_refused_and_changes_nothing()
    {
        var registry = new ModelRegistry(server.Home.RegistryPath);
        var model = Path.Combine(server.Root, "newer.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        await new ModelImporter(server.Home, registry, new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(model, ModelName.Parse("plant:prod"), SemanticVersion.Parse("2.0.0")), new ImportOptions(AllowUnsigned: true), null, default);
        var before = registry.List().Select(v => (v.Reference, v.IsActive)).ToList();

        var response = await server.Http.PostAsync("/api/copy",
            new StringContent("""{"source":"tiny:test","destination":"plant:prod"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal("destination: plant:prod already has version 2.0.0, newer than tiny:test@1.0.0; copying would downgrade it (downgrade protection)", error);
        Assert.Equal(before, registry.List().Select(v => (v.Reference, v.IsActive)).ToList());
        Assert.Equal("2.0.0", registry.Resolve("plant:prod").Version);
    }

    [Fact]
    public async Task Copying_to_a_new_name_still_works()
    {
        var response = await server.Http.PostAsync("/api/copy",
            new StringContent("""{"source":"tiny:test","destination":"tiny:copied"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.0.0", new ModelRegistry(server.Home.RegistryPath).Resolve("tiny:copied").Version);
    }
}
