using System.Net;
using System.Text.Json;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Synthetic;

namespace Airgap.Server.Tests;

public sealed class ServerSkeletonServesTheRegistry : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> GetJson(string path)
    {
        var response = await _server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>The listed models other than the built-in all-minilm.</summary>
    private static List<JsonElement> Registered(JsonElement tags) =>
        tags.GetProperty("models").EnumerateArray().Where(m => m.GetProperty("name").GetString() != "all-minilm:latest").ToList();

    /// <summary>A signed pack of the tiny model, outside the watched folder, by a key the server trusts.</summary>
    private async Task<string> SignedPackAsync()
    {
        var (keyPath, publicPath) = SigningKeys.Create(Path.Combine(_server.Root, "vendor"));
        new TrustedKeyStore(_server.Home).Trust(publicPath);
        var model = Path.Combine(_server.Root, "tiny.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        var staging = Path.Combine(_server.Root, "staging");
        using var key = SigningKeys.LoadPrivate(keyPath);
        await PackWriter.WriteAsync(staging, new PackRequest(ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0"), null, null, null),
            [(model, "tiny.gguf")], key);
        return staging;
    }

    [Fact]
    public async Task Health_version_and_root_answer()
    {
        Assert.Equal("ok", (await GetJson("/health")).GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty((await GetJson("/api/version")).GetProperty("version").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"))).StatusCode);
        // An empty registry lists only the built-in embedding model.
        Assert.Equal("all-minilm:latest", Assert.Single((await GetJson("/api/tags")).GetProperty("models").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("list", (await GetJson("/v1/models")).GetProperty("object").GetString());
    }

    [Fact]
    public async Task A_pack_dropped_in_the_watched_folder_is_imported_and_listed_in_both_apis()
    {
        var staging = await SignedPackAsync();
        Directory.Move(staging, Path.Combine(_server.WatchFolder, "tiny-pack"));

        JsonElement tags = default;
        for (var i = 0; i < 100; i++)
        {
            tags = await GetJson("/api/tags");
            if (Registered(tags).Count > 0) break;
            await Task.Delay(100);
        }

        var listed = Assert.Single(Registered(tags));
        Assert.Equal("tiny:test", listed.GetProperty("name").GetString());
        Assert.Equal("llama", listed.GetProperty("details").GetProperty("family").GetString());
        Assert.Equal("F16", listed.GetProperty("details").GetProperty("quantization_level").GetString());
        Assert.Equal("1.4M", listed.GetProperty("details").GetProperty("parameter_size").GetString());
        var openAi = Assert.Single((await GetJson("/v1/models")).GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() != "all-minilm:latest");
        Assert.Equal("tiny:test", openAi.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_pack_still_being_copied_is_not_imported_until_complete()
    {
        var staging = await SignedPackAsync();

        // Copy the manifest and signature first and only half of the model, as a slow USB copy would.
        var target = Path.Combine(_server.WatchFolder, "copying");
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(staging, "manifest.json"), Path.Combine(target, "manifest.json"));
        File.Copy(Path.Combine(staging, "manifest.sig"), Path.Combine(target, "manifest.sig"));
        var bytes = File.ReadAllBytes(Path.Combine(staging, "tiny.gguf"));
        File.WriteAllBytes(Path.Combine(target, "tiny.gguf"), bytes[..(bytes.Length / 2)]);
        await Task.Delay(1000);
        Assert.Empty(Registered(await GetJson("/api/tags")));
        Assert.DoesNotContain(new Airgap.Models.Catalog.ModelRegistry(_server.Home.RegistryPath).Audit(), e => e.Action == "refuse");

        File.WriteAllBytes(Path.Combine(target, "tiny.gguf"), bytes);
        for (var i = 0; i < 100 && Registered(await GetJson("/api/tags")).Count == 0; i++) await Task.Delay(100);
        Assert.Single(Registered(await GetJson("/api/tags")));
    }
}
