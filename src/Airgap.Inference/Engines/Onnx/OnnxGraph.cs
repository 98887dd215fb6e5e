using Airgap.Inference.Errors;
using Airgap.Inference.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// Any ONNX model as a function of named tensors, for the KServe v2 API: its inputs and outputs (names, element
/// types, shapes) and a checked run. InferenceSession.Run is thread-safe; the session lives as long as this object.
/// </summary>
public sealed class OnnxGraph : IDisposable
{
    private readonly InferenceSession _session;

    private OnnxGraph(InferenceSession session)
    {
        _session = session;
        Inputs = Describe(session.InputMetadata);
        Outputs = Describe(session.OutputMetadata);
        Metadata = session.ModelMetadata.CustomMetadataMap.ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The model's own key-value metadata (an Ultralytics export puts its class names under `names`).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IReadOnlyList<TensorSpec> Inputs { get; }
    public IReadOnlyList<TensorSpec> Outputs { get; }

    public static OnnxGraph Open(string model, Func<SessionOptions, InferenceSession> open, int threads)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads > 0) options.IntraOpNumThreads = threads;
        try
        {
            return new OnnxGraph(open(options));
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException(model, e.Message.Split('\n')[0]);
        }
    }

    /// <summary>Runs the graph; every input named, typed and shaped as the graph declares, or an InvalidRequestException naming it.</summary>
    public IReadOnlyList<NamedTensor> Run(IReadOnlyList<NamedTensor> inputs, IReadOnlyList<string>? outputs)
    {
        var values = new List<NamedOnnxValue>();
        foreach (var spec in Inputs)
        {
            var given = inputs.FirstOrDefault(i => i.Name == spec.Name)
                ?? throw new InvalidRequestException("inputs", $"input '{spec.Name}' ({spec.Datatype}) is missing");
            if (given.Datatype != spec.Datatype)
                throw new InvalidRequestException($"inputs.{spec.Name}", $"is {given.Datatype}; the model takes {spec.Datatype}");
            if (given.Shape.Length != spec.Shape.Count || given.Shape.Where((d, k) => spec.Shape[k] >= 0 && spec.Shape[k] != d).Any())
                throw new InvalidRequestException($"inputs.{spec.Name}", $"has shape [{string.Join(",", given.Shape)}]; the model takes [{string.Join(",", spec.Shape)}] (-1: any)");
            values.Add(ToOnnx(given));
        }
        if (inputs.FirstOrDefault(i => Inputs.All(s => s.Name != i.Name)) is { } unknown)
            throw new InvalidRequestException("inputs", $"the model has no input '{unknown.Name}' (inputs: {string.Join(", ", Inputs.Select(i => i.Name))})");
        var wanted = outputs is { Count: > 0 } ? outputs : Outputs.Select(o => o.Name).ToList();
        if (wanted.FirstOrDefault(w => Outputs.All(o => o.Name != w)) is { } missing)
            throw new InvalidRequestException("outputs", $"the model has no output '{missing}' (outputs: {string.Join(", ", Outputs.Select(o => o.Name))})");
        try
        {
            using var results = _session.Run(values, wanted);
            return results.Select(FromOnnx).ToList();
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidRequestException("inputs", $"the model could not run on them: {e.Message.Split('\n')[0]}");
        }
    }

    public void Dispose() => _session.Dispose();

    private static IReadOnlyList<TensorSpec> Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Where(n => n.Value.IsTensor).Select(n => new TensorSpec(n.Key, Datatype(n.Value.ElementDataType), n.Value.Dimensions.Select(d => (long)d).ToArray())).ToList();

    private static string Datatype(TensorElementType type) => type switch
    {
        TensorElementType.Float => TensorDatatypes.Fp32,
        TensorElementType.Double => TensorDatatypes.Fp64,
        TensorElementType.Int64 => TensorDatatypes.Int64,
        TensorElementType.Int32 => TensorDatatypes.Int32,
        TensorElementType.Int8 => TensorDatatypes.Int8,
        TensorElementType.UInt8 => TensorDatatypes.Uint8,
        TensorElementType.Bool => TensorDatatypes.Bool,
        _ => type.ToString().ToUpperInvariant(),
    };

    private static NamedOnnxValue ToOnnx(NamedTensor t)
    {
        var dims = t.Shape.Select(d => checked((int)d)).ToArray();
        return t.Data switch
        {
            float[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<float>(a, dims)),
            double[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<double>(a, dims)),
            long[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<long>(a, dims)),
            int[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<int>(a, dims)),
            sbyte[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<sbyte>(a, dims)),
            byte[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<byte>(a, dims)),
            bool[] a => NamedOnnxValue.CreateFromTensor(t.Name, new DenseTensor<bool>(a, dims)),
            _ => throw new InvalidRequestException($"inputs.{t.Name}", $"datatype {t.Datatype} is not supported"),
        };
    }

    private static NamedTensor FromOnnx(DisposableNamedOnnxValue value) => value.Value switch
    {
        Tensor<float> t => new NamedTensor(value.Name, TensorDatatypes.Fp32, Shape(t.Dimensions), t.ToArray()),
        Tensor<double> t => new NamedTensor(value.Name, TensorDatatypes.Fp64, Shape(t.Dimensions), t.ToArray()),
        Tensor<long> t => new NamedTensor(value.Name, TensorDatatypes.Int64, Shape(t.Dimensions), t.ToArray()),
        Tensor<int> t => new NamedTensor(value.Name, TensorDatatypes.Int32, Shape(t.Dimensions), t.ToArray()),
        Tensor<sbyte> t => new NamedTensor(value.Name, TensorDatatypes.Int8, Shape(t.Dimensions), t.ToArray()),
        Tensor<byte> t => new NamedTensor(value.Name, TensorDatatypes.Uint8, Shape(t.Dimensions), t.ToArray()),
        Tensor<bool> t => new NamedTensor(value.Name, TensorDatatypes.Bool, Shape(t.Dimensions), t.ToArray()),
        _ => throw new InvalidRequestException("outputs", $"output '{value.Name}' is of a type this server does not return"),
    };

    private static long[] Shape(ReadOnlySpan<int> dims) => dims.ToArray().Select(d => (long)d).ToArray();
}
