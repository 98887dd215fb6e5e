using Airgap.Inference.Engines.Onnx;
using Airgap.Inference.Tensors;
using Airgap.Models.Synthetic;

namespace Airgap.Inference.Tests;

public sealed class SyntheticOnnxGraphsRun : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_constant_graph_written_by_the_project_loads_in_onnx_runtime_and_returns_its_values()
    {
        var path = Path.Combine(_dir, "classifier.onnx");
        OnnxGraphWriter.WriteConstant(path, "images", [1, 3, 8, 8], "logits", [1, 4], [0.1f, 2.5f, -1f, 0.7f]);

        Assert.StartsWith("ONNX Runtime loaded it: inputs images Float[1x3x8x8]", OnnxSmokeTest.Run(path));
        using var graph = OnnxGraph.Open("classifier", o => new Microsoft.ML.OnnxRuntime.InferenceSession(path, o), 1);
        var result = Assert.Single(graph.Run([new NamedTensor("images", TensorDatatypes.Fp32, [1, 3, 8, 8], new float[192])], null));

        Assert.Equal("logits", result.Name);
        Assert.Equal([1L, 4L], result.Shape);
        Assert.Equal(new[] { 0.1f, 2.5f, -1f, 0.7f }, (float[])result.Data);
    }
}
