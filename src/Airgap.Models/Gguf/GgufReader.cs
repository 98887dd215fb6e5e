using System.Runtime.InteropServices;

namespace Airgap.Models.Gguf;

/// <summary>
/// Reads the header of a GGUF v2/v3 file with strict bounds: every length and count is checked against the
/// bytes left in the file before it is trusted, and memory grows only with what is read, so a hostile file gives a
/// <see cref="GgufFormatException"/> naming the byte offset.
/// </summary>
public sealed class GgufReader
{
    /// <summary>Longest metadata string accepted (a whole tokenizer.json embedded as a string fits).</summary>
    public const int MaxStringBytes = 64 * 1024 * 1024;

    /// <summary>Most elements accepted in one metadata array (vocabularies hold a few hundred thousand).</summary>
    public const int MaxArrayLength = 1 << 24;

    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxDimensions = 4;
    private const int MaxNestingDepth = 4;
    private const int MaxTensorNameBytes = 63; // llama.cpp refuses names of GGML_MAX_NAME (64) bytes or more

    // Smallest encodings: a key-value pair is a key length, a type and one byte; a tensor entry is a name length,
    // a dimension count, one dimension, a type and an offset; an array is an element type and a length.
    private const int MinMetadataBytes = 8 + 4 + 1;
    private const int MinTensorBytes = 8 + 4 + 8 + 4 + 8;
    private const int MinArrayBytes = 4 + 8;

    private readonly GgufCursor _cursor;

    private GgufReader(Stream stream) => _cursor = new GgufCursor(stream);

    /// <summary>Reads the header of the GGUF file at <paramref name="path"/>.</summary>
    public static GgufFile ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    /// <summary>Reads a GGUF header from a seekable stream positioned at its start.</summary>
    public static GgufFile Read(Stream stream)
    {
        if (!stream.CanSeek) throw new ArgumentException("GGUF reading needs a seekable stream", nameof(stream));
        var reader = new GgufReader(stream);
        try
        {
            return reader.ReadHeader();
        }
        catch (EndOfStreamException)
        {
            // The stream held fewer bytes than its length said (a file shrinking while it is read).
            throw new GgufFormatException("file ended before its stated length", reader._cursor.Position);
        }
    }

    private GgufFile ReadHeader()
    {
        var magic = _cursor.ReadUInt32("the GGUF magic");
        if (magic != Magic) throw new GgufFormatException($"bad magic 0x{magic:X8}, expected 'GGUF'", 0);
        var version = _cursor.ReadUInt32("version");
        if (version is not (2 or 3))
            throw new GgufFormatException($"unsupported GGUF version {version} (2 and 3 are supported)", 4);

        var tensorCount = _cursor.ReadCount("tensor count", MinTensorBytes);
        var kvCount = _cursor.ReadCount("metadata count", MinMetadataBytes);

        // No capacity from the counts: they are the file's word, and the collections grow with entries read.
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0UL; i < kvCount; i++)
        {
            var at = _cursor.Position;
            var key = _cursor.ReadString("metadata key", MaxStringBytes);
            var type = ReadValueType("metadata value type");
            var value = ReadValue(type, depth: 0);
            if (!metadata.TryAdd(key, value)) throw new GgufFormatException($"duplicate metadata key '{key}'", at);
        }

        var alignment = ReadAlignment(metadata);
        var tensors = new List<GgufTensorInfo>();
        var entryOffsets = new List<long>();
        for (var i = 0UL; i < tensorCount; i++)
        {
            entryOffsets.Add(_cursor.Position);
            tensors.Add(ReadTensorInfo());
        }

        var dataOffset = AlignUp(_cursor.Position, alignment);
        CheckTensorData(tensors, entryOffsets, dataOffset, alignment);
        return new GgufFile(version, metadata, tensors, dataOffset, alignment);
    }

    private uint ReadAlignment(Dictionary<string, object> metadata)
    {
        if (!metadata.TryGetValue("general.alignment", out var value)) return 32;
        if (value is uint a && a > 0 && (a & (a - 1)) == 0 && a <= 1 << 20) return a;
        throw new GgufFormatException($"general.alignment must be a power of two uint32, got {value}", _cursor.Position);
    }

    private GgufTensorInfo ReadTensorInfo()
    {
        var at = _cursor.Position;
        var name = _cursor.ReadString("tensor name", MaxTensorNameBytes);
        var dimensionCount = _cursor.ReadUInt32("tensor dimension count");
        if (dimensionCount is 0 or > MaxDimensions)
            throw new GgufFormatException($"tensor '{name}' has {dimensionCount} dimensions (1 to {MaxDimensions} allowed)", at);
        var dimensions = new ulong[dimensionCount];
        for (var d = 0; d < dimensions.Length; d++)
        {
            dimensions[d] = _cursor.ReadUInt64($"tensor '{name}' dimension {d}");
            if (dimensions[d] == 0 || dimensions[d] > long.MaxValue)
                throw new GgufFormatException($"tensor '{name}' has dimension {d} of size {dimensions[d]}", at);
        }
        var typeValue = _cursor.ReadUInt32("tensor type");
        var type = (GgmlType)typeValue;
        if (!GgmlTypeInfo.IsKnown(type)) throw new GgufFormatException($"tensor '{name}' has unknown type {typeValue}", at);
        var offset = _cursor.ReadUInt64("tensor offset");
        var info = new GgufTensorInfo(name, dimensions, type, offset);
        try
        {
            if (dimensions[0] % (ulong)GgmlTypeInfo.BlockSize(type) != 0)
                throw new GgufFormatException($"tensor '{name}' row of {dimensions[0]} is not a multiple of the {type} block size", at);
            _ = info.ByteSize;
        }
        catch (OverflowException)
        {
            throw new GgufFormatException($"tensor '{name}' size overflows", at);
        }
        return info;
    }

    // Errors name the tensor's entry in the header: the data offset itself may lie past the end of the file.
    private void CheckTensorData(List<GgufTensorInfo> tensors, List<long> entryOffsets, long dataOffset, uint alignment)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var available = (ulong)Math.Max(0, _cursor.Length - dataOffset);
        for (var i = 0; i < tensors.Count; i++)
        {
            var (tensor, at) = (tensors[i], entryOffsets[i]);
            if (!names.Add(tensor.Name)) throw new GgufFormatException($"duplicate tensor '{tensor.Name}'", at);
            if (tensor.Offset % alignment != 0)
                throw new GgufFormatException($"tensor '{tensor.Name}' data offset {tensor.Offset} is not aligned to {alignment}", at);
            if (tensor.Offset > available || tensor.ByteSize > available - tensor.Offset)
                throw new GgufFormatException(
                    $"tensor '{tensor.Name}' data ({tensor.ByteSize} bytes at {dataOffset}+{tensor.Offset}) runs past the end of the file",
                    at);
        }
    }

    private object ReadValue(GgufValueType type, int depth)
    {
        var at = _cursor.Position;
        switch (type)
        {
            case GgufValueType.UInt8: return _cursor.ReadByte("uint8 value");
            case GgufValueType.Int8: return (sbyte)_cursor.ReadByte("int8 value");
            case GgufValueType.UInt16: return _cursor.ReadUInt16("uint16 value");
            case GgufValueType.Int16: return (short)_cursor.ReadUInt16("int16 value");
            case GgufValueType.UInt32: return _cursor.ReadUInt32("uint32 value");
            case GgufValueType.Int32: return (int)_cursor.ReadUInt32("int32 value");
            case GgufValueType.Float32: return BitConverter.UInt32BitsToSingle(_cursor.ReadUInt32("float32 value"));
            case GgufValueType.UInt64: return _cursor.ReadUInt64("uint64 value");
            case GgufValueType.Int64: return (long)_cursor.ReadUInt64("int64 value");
            case GgufValueType.Float64: return BitConverter.UInt64BitsToDouble(_cursor.ReadUInt64("float64 value"));
            case GgufValueType.Bool:
                var b = _cursor.ReadByte("bool value");
                if (b > 1) throw new GgufFormatException($"bool value {b} is neither 0 nor 1", at);
                return b == 1;
            case GgufValueType.String: return _cursor.ReadString("string value", MaxStringBytes);
            case GgufValueType.Array:
                if (depth >= MaxNestingDepth) throw new GgufFormatException("arrays nested too deeply", at);
                return ReadArray(depth);
            default:
                throw new GgufFormatException($"unknown value type {(uint)type}", at);
        }
    }

    private GgufArray ReadArray(int depth)
    {
        var elementType = ReadValueType("array element type");
        var count = (int)_cursor.ReadCount("array length", MinBytes(elementType), MaxArrayLength);
        const string what = "array elements";
        return new GgufArray(elementType, elementType switch
        {
            GgufValueType.UInt8 => _cursor.ReadArray<byte>(count, what),
            GgufValueType.Int8 => _cursor.ReadArray<sbyte>(count, what),
            GgufValueType.UInt16 => _cursor.ReadArray<ushort>(count, what),
            GgufValueType.Int16 => _cursor.ReadArray<short>(count, what),
            GgufValueType.UInt32 => _cursor.ReadArray<uint>(count, what),
            GgufValueType.Int32 => _cursor.ReadArray<int>(count, what),
            GgufValueType.Float32 => _cursor.ReadArray<float>(count, what),
            GgufValueType.UInt64 => _cursor.ReadArray<ulong>(count, what),
            GgufValueType.Int64 => _cursor.ReadArray<long>(count, what),
            GgufValueType.Float64 => _cursor.ReadArray<double>(count, what),
            GgufValueType.Bool => ReadBools(count),
            GgufValueType.String => ReadElements(count, () => _cursor.ReadString("string element", MaxStringBytes)),
            _ => ReadElements(count, () => ReadArray(depth + 1)),
        });
    }

    private bool[] ReadBools(int count)
    {
        var at = _cursor.Position;
        var items = _cursor.ReadArray<bool>(count, "bool elements");
        var bytes = MemoryMarshal.AsBytes(items.AsSpan());
        var bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0) throw new GgufFormatException($"bool element {bytes[bad]} is neither 0 nor 1", at + bad);
        return items;
    }

    private static T[] ReadElements<T>(int count, Func<T> readOne)
    {
        var items = new List<T>();
        for (var i = 0; i < count; i++) items.Add(readOne());
        return items.ToArray();
    }

    private static int MinBytes(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.Array => MinArrayBytes,
        _ => 8,
    };

    private GgufValueType ReadValueType(string what)
    {
        var at = _cursor.Position;
        var value = _cursor.ReadUInt32(what);
        if (value > (uint)GgufValueType.Float64) throw new GgufFormatException($"{what} {value} is not a GGUF type", at);
        return (GgufValueType)value;
    }

    internal static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
