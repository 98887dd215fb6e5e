using System.Text;

namespace Airgap.Models.Gguf;

/// <summary>
/// Reads the header of a GGUF v2/v3 file with strict bounds: every length and count is checked against the
/// bytes left in the file before anything is allocated, so a hostile file gives a <see cref="GgufFormatException"/>.
/// </summary>
public sealed class GgufReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxDimensions = 4;
    private const int MaxStringBytes = 64 * 1024 * 1024;
    private const int MaxNestingDepth = 4;

    private readonly BinaryReader _reader;
    private readonly long _length;

    private GgufReader(Stream stream)
    {
        _reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        _length = stream.Length;
    }

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
        return new GgufReader(stream).ReadHeader();
    }

    private long Position => _reader.BaseStream.Position;
    private long Remaining => _length - Position;

    private GgufFile ReadHeader()
    {
        Require(4, "file is too short for the GGUF magic");
        var magic = _reader.ReadUInt32();
        if (magic != Magic) throw new GgufFormatException($"bad magic 0x{magic:X8}, expected 'GGUF'", 0);
        var version = ReadUInt32("version");
        if (version is not (2 or 3))
            throw new GgufFormatException($"unsupported GGUF version {version} (2 and 3 are supported)", 4);

        var tensorCount = ReadCount("tensor count", minBytesEach: 24);
        var kvCount = ReadCount("metadata count", minBytesEach: 13);

        var metadata = new Dictionary<string, object>((int)kvCount, StringComparer.Ordinal);
        for (var i = 0L; i < kvCount; i++)
        {
            var at = Position;
            var key = ReadString("metadata key");
            var type = ReadValueType("metadata value type");
            var value = ReadValue(type, depth: 0);
            if (!metadata.TryAdd(key, value)) throw new GgufFormatException($"duplicate metadata key '{key}'", at);
        }

        var alignment = ReadAlignment(metadata);
        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        for (var i = 0L; i < tensorCount; i++) tensors.Add(ReadTensorInfo());

        var dataOffset = AlignUp(Position, alignment);
        CheckTensorData(tensors, dataOffset, alignment);
        return new GgufFile(version, metadata, tensors, dataOffset, alignment);
    }

    private uint ReadAlignment(Dictionary<string, object> metadata)
    {
        if (!metadata.TryGetValue("general.alignment", out var value)) return 32;
        if (value is uint a && a > 0 && (a & (a - 1)) == 0 && a <= 1 << 20) return a;
        throw new GgufFormatException($"general.alignment must be a power of two uint32, got {value}", Position);
    }

    private GgufTensorInfo ReadTensorInfo()
    {
        var at = Position;
        var name = ReadString("tensor name");
        var dimensionCount = ReadUInt32("tensor dimension count");
        if (dimensionCount is 0 or > MaxDimensions)
            throw new GgufFormatException($"tensor '{name}' has {dimensionCount} dimensions (1 to {MaxDimensions} allowed)", at);
        Require(dimensionCount * 8L, $"tensor '{name}' dimensions run past the end of the file");
        var dimensions = new ulong[dimensionCount];
        for (var d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = _reader.ReadUInt64();
            if (dimensions[d] == 0 || dimensions[d] > long.MaxValue)
                throw new GgufFormatException($"tensor '{name}' has dimension {d} of size {dimensions[d]}", at);
        }
        var typeValue = ReadUInt32("tensor type");
        var type = (GgmlType)typeValue;
        if (!GgmlTypeInfo.IsKnown(type)) throw new GgufFormatException($"tensor '{name}' has unknown type {typeValue}", at);
        var offset = ReadUInt64("tensor offset");
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

    private void CheckTensorData(List<GgufTensorInfo> tensors, long dataOffset, uint alignment)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            if (!names.Add(tensor.Name)) throw new GgufFormatException($"duplicate tensor '{tensor.Name}'", dataOffset);
            if (tensor.Offset % alignment != 0)
                throw new GgufFormatException($"tensor '{tensor.Name}' data offset {tensor.Offset} is not aligned to {alignment}", dataOffset);
            var available = (ulong)Math.Max(0, _length - dataOffset);
            if (tensor.Offset > available || tensor.ByteSize > available - tensor.Offset)
                throw new GgufFormatException(
                    $"tensor '{tensor.Name}' data ({tensor.ByteSize} bytes at +{tensor.Offset}) runs past the end of the file",
                    dataOffset);
        }
    }

    private object ReadValue(GgufValueType type, int depth)
    {
        var at = Position;
        switch (type)
        {
            case GgufValueType.UInt8: Require(1, "uint8 value"); return _reader.ReadByte();
            case GgufValueType.Int8: Require(1, "int8 value"); return _reader.ReadSByte();
            case GgufValueType.UInt16: Require(2, "uint16 value"); return _reader.ReadUInt16();
            case GgufValueType.Int16: Require(2, "int16 value"); return _reader.ReadInt16();
            case GgufValueType.UInt32: return ReadUInt32("uint32 value");
            case GgufValueType.Int32: Require(4, "int32 value"); return _reader.ReadInt32();
            case GgufValueType.Float32: Require(4, "float32 value"); return _reader.ReadSingle();
            case GgufValueType.UInt64: return ReadUInt64("uint64 value");
            case GgufValueType.Int64: Require(8, "int64 value"); return _reader.ReadInt64();
            case GgufValueType.Float64: Require(8, "float64 value"); return _reader.ReadDouble();
            case GgufValueType.Bool:
                Require(1, "bool value");
                var b = _reader.ReadByte();
                if (b > 1) throw new GgufFormatException($"bool value {b} is neither 0 nor 1", at);
                return b == 1;
            case GgufValueType.String: return ReadString("string value");
            case GgufValueType.Array:
                if (depth >= MaxNestingDepth) throw new GgufFormatException("arrays nested too deeply", at);
                var elementType = ReadValueType("array element type");
                var count = ReadCount("array length", MinBytes(elementType));
                var values = new object[count];
                for (var i = 0L; i < count; i++) values[i] = ReadValue(elementType, depth + 1);
                return new GgufArray(elementType, values);
            default:
                throw new GgufFormatException($"unknown value type {(uint)type}", at);
        }
    }

    private static int MinBytes(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.Array => 12,
        _ => 8,
    };

    private GgufValueType ReadValueType(string what)
    {
        var at = Position;
        var value = ReadUInt32(what);
        if (value > (uint)GgufValueType.Float64) throw new GgufFormatException($"{what} {value} is not a GGUF type", at);
        return (GgufValueType)value;
    }

    /// <summary>Reads a uint64 count and checks that that many items of at least the given size fit in the file.</summary>
    private long ReadCount(string what, int minBytesEach)
    {
        var at = Position;
        var count = ReadUInt64(what);
        if (count > (ulong)(Remaining / minBytesEach))
            throw new GgufFormatException($"{what} {count} cannot fit in the {Remaining} bytes left", at);
        return (long)count;
    }

    private string ReadString(string what)
    {
        var at = Position;
        var length = ReadUInt64($"{what} length");
        if (length > MaxStringBytes || (long)length > Remaining)
            throw new GgufFormatException($"{what} length {length} exceeds the {Remaining} bytes left", at);
        var bytes = _reader.ReadBytes((int)length);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new GgufFormatException($"{what} is not valid UTF-8", at);
        }
    }

    private uint ReadUInt32(string what)
    {
        Require(4, what);
        return _reader.ReadUInt32();
    }

    private ulong ReadUInt64(string what)
    {
        Require(8, what);
        return _reader.ReadUInt64();
    }

    private void Require(long bytes, string what)
    {
        if (Remaining < bytes) throw new GgufFormatException($"file truncated reading {what}", Position);
    }

    internal static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
