using Airgap.Models.Packs;

namespace Airgap.Models.Tests.Packs;

public sealed class ManifestReadsAsAReviewerReadsIt : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private string Manifest(string pack) => File.ReadAllText(Path.Combine(pack, PackManifest.FileName));

    private async Task<string> SignedAndRefused(string pack, string json)
    {
        _site.Resign(pack, json);
        var before = _site.State();
        var error = await Assert.ThrowsAsync<PackException>(() => _site.ImportAsync(pack));
        Assert.Equal(before, _site.State());
        Assert.Equal("refuse", _site.Registry.Audit().Last().Action);
        return error.Message;
    }

    [Fact]
    public async Task A_signed_manifest_with_a_duplicate_key_is_refused()
    {
        var pack = _site.Pack("1.0.0");
        var json = Manifest(pack).Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.0\",\n  \"version\": \"9.0.0\"");

        Assert.StartsWith("manifest.json names the key 'version' twice in one object", await SignedAndRefused(pack, json));
    }

    [Fact]
    public async Task A_duplicate_key_inside_a_file_entry_is_refused()
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"path\": \"model.gguf\"", "\"path\": \"model.gguf\", \"path\": \"other.gguf\"");

        Assert.StartsWith("manifest.json names the key 'path' twice", await SignedAndRefused(pack, json));
    }

    [Fact]
    public async Task A_duplicate_key_spelled_with_an_escape_is_still_a_duplicate()
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.0\", \"vers\\u0069on\": \"9.0.0\"");

        Assert.StartsWith("manifest.json names the key 'version' twice", await SignedAndRefused(pack, json));
    }

    [Fact]
    public async Task An_unknown_top_level_field_is_refused()
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.0\", \"post_install\": \"rm -rf /\"");

        var message = await SignedAndRefused(pack, json);

        Assert.StartsWith("manifest.json is not a valid manifest", message);
        Assert.Contains("post_install", message);
    }

    [Fact]
    public async Task An_unknown_field_in_a_file_entry_is_refused()
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"path\": \"model.gguf\"", "\"path\": \"model.gguf\", \"mode\": \"0777\"");

        var message = await SignedAndRefused(pack, json);

        Assert.StartsWith("manifest.json is not a valid manifest", message);
        Assert.Contains("mode", message);
    }

    [Theory]
    [InlineData("\\u202Efgg.gguf", "U+202E")] // right-to-left override: shows as "fgg.gguf" reversed
    [InlineData("model\\u200B.gguf", "U+200B")] // zero-width space
    [InlineData("model\\u2066.gguf", "U+2066")] // left-to-right isolate
    [InlineData("model\\uFEFF.gguf", "U+FEFF")] // zero-width no-break space
    [InlineData("model\\u0007.gguf", "U+0007")] // bell
    [InlineData("model\\u2028.gguf", "U+2028")] // line separator
    public async Task A_file_name_with_an_invisible_or_control_character_is_refused(string escaped, string codePoint)
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"path\": \"model.gguf\"", $"\"path\": \"{escaped}\"");

        var message = await SignedAndRefused(pack, json);

        Assert.Contains($"holds the invisible or control character {codePoint}", message);
    }

    [Fact]
    public async Task A_file_name_with_surrounding_white_space_is_refused()
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"path\": \"model.gguf\"", "\"path\": \"model.gguf \"");

        Assert.Contains("starts or ends with white space", await SignedAndRefused(pack, json));
    }

    [Fact]
    public async Task A_null_file_entry_is_refused_not_a_crash()
    {
        var pack = _site.Pack();
        var json = Manifest(pack).Replace("\"files\": [", "\"files\": [null,");

        Assert.Equal("manifest files: an entry is null", await SignedAndRefused(pack, json));
    }

    [Fact]
    public void A_plain_non_ascii_name_is_still_accepted()
    {
        ModelPack.CheckPlainName("modèle-日本.gguf");
    }
}
