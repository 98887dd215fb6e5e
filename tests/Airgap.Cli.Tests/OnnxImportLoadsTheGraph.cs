using System.Text.Json;
using Airgap.Inference.Engines.Onnx;

namespace Airgap.Cli.Tests;

public sealed class OnnxImportLoadsTheGraph : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task A_graph_onnx_runtime_cannot_load_is_refused_at_import_and_a_real_one_is_registered_with_its_shapes()
    {
        var bad = Path.Combine(_airgap.Root, "bad.onnx");
        // Starts like a ModelProto (ir_version), so the header check passes; the protobuf after it is garbage.
        await File.WriteAllBytesAsync(bad, [0x08, 0x07, 0xFF, 0xFF, 0x12, .. "garbage"u8.ToArray()]);
        var (code, output, error) = await _airgap.RunAsync("import", bad, "--name", "bad:onnx", "--version", "1.0.0", "--allow-unsigned");
        Assert.True(code == 1, output + error);
        Assert.Contains("ONNX Runtime refused the graph", error);

        var good = Path.Combine(_airgap.Root, "minilm.onnx");
        await File.WriteAllBytesAsync(good, MiniLmPackage.ReadModel());
        Assert.Contains("ONNX Runtime loaded it: inputs input_ids Int64",
            await _airgap.OkAsync("import", good, "--name", "minilm:graph", "--version", "1.0.0", "--allow-unsigned"));

        using var list = JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json"));
        Assert.DoesNotContain(list.RootElement.EnumerateArray(), m => m.GetProperty("name").GetString() == "bad:onnx");
        Assert.Contains(list.RootElement.EnumerateArray(), m => m.GetProperty("name").GetString() == "minilm:graph");
    }
}
