using System.Net;
using System.Text;
using System.Text.Json;
using Airgap.Models.Catalog;

namespace Airgap.Compatibility.Tests;

public sealed class UnexpectedFailuresStillAnswerJson(TinyServer server) : IClassFixture<TinyServer>
{
    [Fact]
    public async Task A_failure_no_mapper_knows_is_a_500_with_an_ollama_json_error()
    {
        // A blob lost from disk under a registered model: nothing maps that failure, so it takes the default branch.
        var version = new ModelRegistry(server.Home.RegistryPath).Resolve("tiny:test");
        File.Delete(server.Home.BlobPath(version.Digest));

        var response = await server.Http.PostAsync("/api/show", new StringContent("""{"model":"tiny:test"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sha256-" + version.Digest, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
