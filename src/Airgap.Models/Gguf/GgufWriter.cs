using System.Text;

namespace Airgap.Models.Gguf;

/// <summary>A tensor to write: its header entry and a callback that writes exactly its data bytes.</summary>
public sealed record GgufTensorSource(string Name, ulong[] Dimensions, GgmlType Type, Action<Stream> WriteData)
{
    /// <summary>Bytes the callback must write.</summary>
    public ulong ByteSize => GgmlTypeInfo.ByteSize(Type, Dimensions.Aggregate(1UL, (a, d) => checked(a * d)));
}

/// <summary>Writes GGUF v3 files: metadata, tensor table, then aligned tensor data.</summary>
public static class GgufWriter
{
    private const uint Alignment = 32;

    /// <summary>Writes a GGUF file to <paramref name="path"/> through a temp file and an atomic rename.</summary>
    public static void WriteFile(string path, IReadOnlyList<KeyValuePair<string, object>> metadata, IReadOnlyList<GgufTensorSource> tensors)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".partial";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Write(stream, metadata, tensors);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes a GGUF file to a stream.</summary>
    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, object>> metadata, IReadOnlyList<GgufTensorSource> tensors)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(0x46554747u);
        writer.Write(3u);
        writer.Write((ulong)tensors.Count);
        writer.Write((ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            WriteString(writer, key);
            WriteTypedValue(writer, value);
        }

        var offset = 0UL;
        var offsets = new ulong[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            WriteString(writer, t.Name);
            writer.Write((uint)t.Dimensions.Length);
            foreach (var d in t.Dimensions) writer.Write(d);
            writer.Write((uint)t.Type);
            writer.Write(offset);
            offsets[i] = offset;
            offset = (ulong)GgufReader.AlignUp((long)(offset + t.ByteSize), Alignment);
        }
        writer.Flush();

        var dataStart = GgufReader.AlignUp(stream.Position, Alignment);
        Pad(stream, dataStart - stream.Position);
        for (var i = 0; i < tensors.Count; i++)
        {
            Pad(stream, dataStart + (long)offsets[i] - stream.Position);
            var before = stream.Position;
            tensors[i].WriteData(stream);
            var written = (ulong)(stream.Position - before);
            if (written != tensors[i].ByteSize)
                throw new InvalidOperationException($"tensor '{tensors[i].Name}' wrote {written} bytes, expected {tensors[i].ByteSize}");
        }
    }

    private static void Pad(Stream stream, long count)
    {
        for (var i = 0L; i < count; i++) stream.WriteByte(0);
    }

    private static void WriteTypedValue(BinaryWriter writer, object value)
    {
        var type = TypeOf(value);
        writer.Write((uint)type);
        WriteValue(writer, type, value);
    }

    private static GgufValueType TypeOf(object value) => value switch
    {
        byte => GgufValueType.UInt8, sbyte => GgufValueType.Int8, ushort => GgufValueType.UInt16,
        short => GgufValueType.Int16, uint => GgufValueType.UInt32, int => GgufValueType.Int32,
        float => GgufValueType.Float32, bool => GgufValueType.Bool, string => GgufValueType.String,
        GgufArray => GgufValueType.Array, ulong => GgufValueType.UInt64, long => GgufValueType.Int64,
        double => GgufValueType.Float64,
        _ => throw new ArgumentException($"no GGUF type for {value.GetType().Name}"),
    };

    private static void WriteValue(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (value)
        {
            case string s: WriteString(writer, s); break;
            case bool b: writer.Write((byte)(b ? 1 : 0)); break;
            case byte x: writer.Write(x); break;
            case sbyte x: writer.Write(x); break;
            case ushort x: writer.Write(x); break;
            case short x: writer.Write(x); break;
            case uint x: writer.Write(x); break;
            case int x: writer.Write(x); break;
            case float x: writer.Write(x); break;
            case ulong x: writer.Write(x); break;
            case long x: writer.Write(x); break;
            case double x: writer.Write(x); break;
            case GgufArray array:
                writer.Write((uint)array.ElementType);
                writer.Write((ulong)array.Count);
                // GgufArray guarantees the typed array matches ElementType, so each element writes as that type.
                foreach (var element in array.Items) WriteValue(writer, array.ElementType, element!);
                break;
            default: throw new ArgumentException($"cannot write {type}");
        }
    }

    private static void WriteString(BinaryWriter writer, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
