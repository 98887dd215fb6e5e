using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class CliImportsAndManagesModels : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task A_signed_pack_is_verified_imported_with_a_llama_cpp_smoke_test_and_listed()
    {
        var pack = await _airgap.SignedPackAsync();

        Assert.Contains("would import", await _airgap.OkAsync("verify", pack));
        var import = JsonDocument.Parse(await _airgap.OkAsync("import", pack, "--json")).RootElement;
        Assert.True(import.GetProperty("is_active").GetBoolean());
        Assert.Contains("llama.cpp loaded it", import.GetProperty("validation").GetString());

        var list = JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement;
        var only = Assert.Single(list.EnumerateArray(), m => !m.GetProperty("built_in").GetBoolean());
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("name").GetString() == "all-minilm:latest" && m.GetProperty("format").GetString() == "onnx");
        Assert.Equal("tiny:test", only.GetProperty("name").GetString());
        Assert.Equal("Q4_K_M", only.GetProperty("quantization").GetString());
        var show = JsonDocument.Parse(await _airgap.OkAsync("models", "show", "tiny:test", "--json")).RootElement;
        Assert.True(show.GetProperty("estimated_ram_bytes").GetInt64() > show.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_gguf_that_crashes_or_fails_in_llama_cpp_is_refused_by_the_child_process_and_the_caller_survives()
    {
        // A well-formed header whose tensors llama.cpp's llama architecture cannot use: it parses, then fails to load.
        var bad = Path.Combine(_airgap.Root, "headless.gguf");
        using (var stream = File.Create(bad))
            Airgap.Models.Gguf.GgufWriter.Write(stream, [new("general.architecture", "llama"), new("llama.block_count", 1u)],
                [new Airgap.Models.Gguf.GgufTensorSource("w", [32, 2], Airgap.Models.Gguf.GgmlType.F32, s => s.Write(new byte[256]))]);

        var (code, _, error) = await _airgap.RunAsync("import", bad, "--name", "bad:one", "--version", "1.0.0", "--allow-unsigned");

        Assert.Equal(1, code);
        Assert.StartsWith("error: load-and-generate test failed", error.Trim());
        Assert.DoesNotContain(JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement.EnumerateArray(),
            m => !m.GetProperty("built_in").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_gets_one_line_and_a_non_zero_exit()
    {
        var (code, _, error) = await _airgap.RunAsync("import", Path.Combine(_airgap.Root, "missing"));
        Assert.Equal(1, code);
        Assert.Equal("error: " + Path.Combine(_airgap.Root, "missing") + " is neither a pack folder nor a model file", error.Trim());

        (code, _, error) = await _airgap.RunAsync("synth", "--preset", "huge", "--out", "x.gguf");
        Assert.Equal(1, code);
        Assert.StartsWith("error: unknown preset 'huge'", error.Trim());

        (code, _, error) = await _airgap.RunAsync("models", "activate", "tiny:test");
        Assert.Equal(1, code);
        Assert.Equal("error: 'tiny:test' needs a version: NAME@VERSION", error.Trim());
    }

    [Fact]
    public async Task Rollback_verify_and_audit_work_from_the_command_line()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync("1.0.0"));
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync("1.1.0"), "--activate");
        Assert.Contains("rolled back tiny:test to 1.0.0", await _airgap.OkAsync("models", "rollback", "tiny:test"));
        Assert.Contains("2 file(s) checked, 0 corrupt", await _airgap.OkAsync("models", "verify"));
        Assert.Contains("audit trail intact", await _airgap.OkAsync("audit", "verify"));

        var blob = Directory.GetFiles(Path.Combine(_airgap.Home, "blobs")).Single();
        var bytes = File.ReadAllBytes(blob);
        bytes[100] ^= 0x40;
        File.WriteAllBytes(blob, bytes);
        var (code, output, error) = await _airgap.RunAsync("models", "verify", "tiny:test");
        Assert.Equal(1, code);
        Assert.Contains("2 file(s) checked, 2 corrupt", output);
        Assert.Contains("corrupt: tiny:test@1.0.0 model.gguf", error.Replace("tiny.gguf", "model.gguf"));
    }
}
