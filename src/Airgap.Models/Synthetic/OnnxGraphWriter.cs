using System.Buffers.Binary;

namespace Airgap.Models.Synthetic;

/// <summary>
/// Writes small ONNX models the tests need and no public weights provide: a graph with one float input that it
/// ignores and one output that is a constant tensor (a detector whose output encodes known boxes, a classifier with
/// known logits). The protobuf is written by hand, field by field, as ONNX's onnx.proto defines ModelProto.
/// </summary>
public static class OnnxGraphWriter
{
    private const int FloatType = 1; // TensorProto.DataType.FLOAT

    /// <summary>Writes a model: input <paramref name="input"/> of <paramref name="inputShape"/>, output <paramref name="output"/> = <paramref name="values"/> of <paramref name="outputShape"/>.</summary>
    public static void WriteConstant(string path, string input, long[] inputShape, string output, long[] outputShape, float[] values,
        IReadOnlyDictionary<string, string>? metadata = null, int opset = 13)
    {
        if (outputShape.Aggregate(1L, (a, d) => a * d) != values.Length) throw new ArgumentException("the output shape and the values disagree");
        var tensor = new ProtoWriter();
        foreach (var d in outputShape) tensor.Varint(1, (ulong)d);              // dims
        tensor.Varint(2, FloatType);                                            // data_type
        tensor.Bytes(9, FloatBytes(values));                                    // raw_data
        var attribute = new ProtoWriter().String(1, "value").Message(5, tensor).Varint(20, 4); // name, t, type = TENSOR
        var node = new ProtoWriter().String(2, output).String(3, "constant").String(4, "Constant").Message(5, attribute);
        var graph = new ProtoWriter()
            .Message(1, node)
            .String(2, "airgap-synthetic")
            .Message(11, ValueInfo(input, inputShape))
            .Message(12, ValueInfo(output, outputShape));
        var model = new ProtoWriter()
            .Varint(1, 8)                                                       // ir_version
            .String(2, "airgap")                                                // producer_name
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, (ulong)opset)); // opset_import
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            model.Message(14, new ProtoWriter().String(1, key).String(2, value));  // metadata_props
        File.WriteAllBytes(path, model.ToArray());
    }

    private static ProtoWriter ValueInfo(string name, long[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var d in shape) dims.Message(1, new ProtoWriter().Varint(1, (ulong)d));
        var tensorType = new ProtoWriter().Varint(1, FloatType).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static byte[] FloatBytes(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    /// <summary>Protocol-buffer wire format, the three kinds ONNX needs here: varint, length-delimited bytes, nested messages.</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        public ProtoWriter Varint(int field, ulong value)
        {
            Key(field, 0);
            Raw(value);
            return this;
        }

        public ProtoWriter Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Raw((ulong)value.Length);
            _buffer.Write(value);
            return this;
        }

        public ProtoWriter String(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

        public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _buffer.ToArray();

        private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.WriteByte((byte)value);
        }
    }
}
