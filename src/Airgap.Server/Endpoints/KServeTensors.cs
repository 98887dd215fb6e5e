using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Inference.Tensors;

namespace Airgap.Server.Endpoints;

/// <summary>KServe v2 JSON tensors to and from typed arrays, every malformed one an error naming the input.</summary>
internal static class KServeTensors
{
    /// <summary>Elements one input may hold (64 MiB of FP32).</summary>
    public const long MaxElements = 16L << 20;

    public static NamedTensor Read(KServeTensor? tensor, int index)
    {
        var field = $"inputs[{index}]";
        if (tensor is null) throw new InvalidRequestException(field, "must be an object with name, shape, datatype and data");
        if (string.IsNullOrEmpty(tensor.Name)) throw new InvalidRequestException($"{field}.name", "is required");
        field = $"inputs.{tensor.Name}";
        if (tensor.Shape is null || tensor.Shape.Any(d => d < 0)) throw new InvalidRequestException($"{field}.shape", "is required: a list of sizes, none negative");
        var elements = tensor.Shape.Aggregate(1L, (a, d) => a > MaxElements ? a : a * d);
        if (elements > MaxElements) throw new InvalidRequestException($"{field}.shape", $"holds more than {MaxElements} elements");
        if (tensor.Data is not { ValueKind: JsonValueKind.Array } data) throw new InvalidRequestException($"{field}.data", "is required: the elements in row-major order");
        var flat = new List<JsonElement>();
        Flatten(data, flat, elements, field);
        if (flat.Count != elements) throw new InvalidRequestException($"{field}.data", $"has {flat.Count} elements; shape [{string.Join(",", tensor.Shape)}] needs {elements}");
        Array values = tensor.Datatype switch
        {
            TensorDatatypes.Fp32 => Convert(flat, field, e => e.TryGetSingle(out var v) ? v : (float?)null),
            TensorDatatypes.Fp64 => Convert(flat, field, e => e.TryGetDouble(out var v) ? v : (double?)null),
            TensorDatatypes.Int64 => Convert(flat, field, e => e.TryGetInt64(out var v) ? v : (long?)null),
            TensorDatatypes.Int32 => Convert(flat, field, e => e.TryGetInt32(out var v) ? v : (int?)null),
            TensorDatatypes.Int8 => Convert(flat, field, e => e.TryGetSByte(out var v) ? v : (sbyte?)null),
            TensorDatatypes.Uint8 => Convert(flat, field, e => e.TryGetByte(out var v) ? v : (byte?)null),
            TensorDatatypes.Bool => Convert(flat, field, e => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : (bool?)null),
            _ => throw new InvalidRequestException($"{field}.datatype", $"'{tensor.Datatype}' is not one of {string.Join(", ", TensorDatatypes.Supported)}"),
        };
        return new NamedTensor(tensor.Name, tensor.Datatype!, tensor.Shape, values);
    }

    public static JsonElement Write(NamedTensor tensor) => tensor.Data switch
    {
        float[] a => JsonSerializer.SerializeToElement(a, KServeJsonContext.Plain.SingleArray),
        double[] a => JsonSerializer.SerializeToElement(a, KServeJsonContext.Plain.DoubleArray),
        long[] a => JsonSerializer.SerializeToElement(a, KServeJsonContext.Plain.Int64Array),
        int[] a => JsonSerializer.SerializeToElement(a, KServeJsonContext.Plain.Int32Array),
        bool[] a => JsonSerializer.SerializeToElement(a, KServeJsonContext.Plain.BooleanArray),
        sbyte[] a => JsonSerializer.SerializeToElement(a, KServeJsonContext.Plain.SByteArray),
        byte[] a => JsonSerializer.SerializeToElement(a.Select(b => (short)b).ToArray(), KServeJsonContext.Plain.Int16Array),
        _ => throw new InvalidOperationException($"output {tensor.Name} has no JSON form"),
    };

    private static void Flatten(JsonElement element, List<JsonElement> flat, long limit, string field)
    {
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array) Flatten(item, flat, limit, field);
            else flat.Add(item);
            if (flat.Count > limit) throw new InvalidRequestException($"{field}.data", $"has more elements than its shape's {limit}");
        }
    }

    private static T[] Convert<T>(List<JsonElement> flat, string field, Func<JsonElement, T?> read) where T : struct
    {
        var values = new T[flat.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = (flat[i].ValueKind == JsonValueKind.Number || typeof(T) == typeof(bool) ? read(flat[i]) : null)
                        ?? throw new InvalidRequestException($"{field}.data", $"element {i} ({flat[i].GetRawText()}) is not a {typeof(T).Name} value");
        return values;
    }
}
