using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class VisionPacksAreValidatedTogether : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private async Task<string> PackAsync(string name, params string[] files)
    {
        if (!File.Exists(Path.Combine(_airgap.Root, "vendor.key")))
        {
            await _airgap.OkAsync("keys", "create", "--out", Path.Combine(_airgap.Root, "vendor"));
            await _airgap.OkAsync("keys", "trust", Path.Combine(_airgap.Root, "vendor.pub"));
        }
        var pack = Path.Combine(_airgap.Root, "pack-" + name.Replace(':', '-'));
        await _airgap.OkAsync(["pack", "--name", name, "--version", "1.0.0", "--key", Path.Combine(_airgap.Root, "vendor.key"), "--out", pack, .. files]);
        return pack;
    }

    [Fact]
    public async Task A_vision_pack_is_imported_after_its_model_and_projector_load_and_see_an_image_in_a_child_process()
    {
        var model = Path.Combine(_airgap.Root, "tiny-vlm.gguf");
        var projector = Path.Combine(_airgap.Root, "mmproj-tiny-vlm.gguf");
        Assert.Contains("vision projector", await _airgap.OkAsync("synth", "--preset", "tiny-vlm", "--out", model, "--projector", projector));
        var pack = await PackAsync("smol:test", projector, model);

        var import = JsonDocument.Parse(await _airgap.OkAsync("import", pack, "--json")).RootElement;

        var validation = import.GetProperty("validation").GetString();
        Assert.Contains("vision projector idefics3", validation);
        Assert.Contains("from a prompt with an image", validation);
        var show = JsonDocument.Parse(await _airgap.OkAsync("models", "show", "smol:test", "--json")).RootElement;
        Assert.Equal("mmproj-tiny-vlm.gguf", show.GetProperty("projector").GetString());
        Assert.Equal(2, show.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task A_projector_the_model_cannot_take_is_refused_in_llama_cpps_words_and_the_caller_survives()
    {
        // The SmolVLM-256M projector writes 576-wide embeddings; the tiny model is 256 wide. mtmd refuses the pair.
        var model = Path.Combine(_airgap.Root, "tiny-vlm.gguf");
        await _airgap.OkAsync("synth", "--preset", "tiny-vlm", "--out", model);
        var projector = Path.Combine(_airgap.Root, "mmproj.gguf");
        Airgap.Models.Synthetic.SyntheticProjectorWriter.Write(projector, Airgap.Models.Synthetic.SyntheticProjectorPreset.Tiny with { OutputLength = 576 });
        var pack = await PackAsync("odd:test", model, projector);

        var (code, _, error) = await _airgap.RunAsync("import", pack);

        Assert.Equal(1, code);
        Assert.StartsWith("error: load-and-generate test failed", error.Trim());
        Assert.Contains("mismatch between text model (n_embd = 256) and mmproj (n_embd = 576)", error);
        Assert.DoesNotContain(JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement.EnumerateArray(),
            m => !m.GetProperty("built_in").GetBoolean());
    }
}
