using Microsoft.ML.OnnxRuntime;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// Loads an ONNX file in ONNX Runtime (import runs this in a child process, so a graph that crashes the runtime
/// cannot take the importer down) and describes its inputs and outputs; a graph the runtime refuses is an
/// InvalidDataException with the runtime's reason.
/// </summary>
public static class OnnxSmokeTest
{
    public static string Run(string path)
    {
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            using var session = new InferenceSession(path, options);
            static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
                string.Join(", ", nodes.Select(n => $"{n.Key} {n.Value.ElementDataType}[{string.Join("x", n.Value.Dimensions.Select(d => d < 0 ? "?" : d.ToString()))}]"));
            return $"ONNX Runtime loaded it: inputs {Describe(session.InputMetadata)}; outputs {Describe(session.OutputMetadata)}";
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime refused the graph: {e.Message.Split('\n')[0]}");
        }
    }
}
