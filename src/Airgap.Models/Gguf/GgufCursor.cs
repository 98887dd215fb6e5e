using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Airgap.Models.Gguf;

/// <summary>
/// Little-endian reads from a GGUF stream that never pass its stated length: every read is checked against the
/// bytes left first, and memory grows only with bytes actually read, never with a count the file states.
/// </summary>
internal sealed class GgufCursor(Stream stream)
{
    // Typed arrays start at most this many elements and double as their bytes arrive.
    private const int FirstChunkElements = 1024;
    private const int ScratchBytes = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly long _length = stream.Length;
    private readonly byte[] _scratch = new byte[ScratchBytes];

    public long Position => stream.Position;
    public long Length => _length;
    public long Remaining => _length - stream.Position;

    public ushort ReadUInt16(string what)
    {
        var bytes = Take(2, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    public uint ReadUInt32(string what)
    {
        var bytes = Take(4, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ulong ReadUInt64(string what)
    {
        var bytes = Take(8, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    public byte ReadByte(string what) => Take(1, what)[0];

    /// <summary>
    /// Reads a uint64 count and checks, without narrowing, that it is at most <paramref name="max"/> and that that
    /// many items of at least <paramref name="minBytesEach"/> bytes fit in what is left of the file.
    /// </summary>
    public ulong ReadCount(string what, int minBytesEach, ulong max = ulong.MaxValue)
    {
        var at = Position;
        var count = ReadUInt64(what);
        if (count > max) throw new GgufFormatException($"{what} {count} exceeds the limit of {max}", at);
        if (count > (ulong)Remaining / (ulong)minBytesEach)
            throw new GgufFormatException($"{what} {count} cannot fit in the {Remaining} bytes left", at);
        return count;
    }

    public string ReadString(string what, int maxBytes)
    {
        var at = Position;
        var length = ReadUInt64($"{what} length");
        if (length > (ulong)maxBytes)
            throw new GgufFormatException($"{what} length {length} exceeds the limit of {maxBytes} bytes", at);
        if (length > (ulong)Remaining)
            throw new GgufFormatException($"{what} length {length} exceeds the {Remaining} bytes left", at);
        if (length == 0) return string.Empty;
        // Short strings (keys, tokens) decode from one reused buffer; only a long one (a chat template) gets its own.
        var bytes = length <= ScratchBytes ? _scratch.AsSpan(0, (int)length) : new byte[(int)length];
        stream.ReadExactly(bytes);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new GgufFormatException($"{what} is not valid UTF-8", at);
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> fixed-size little-endian elements into a typed array that grows as the bytes
    /// arrive, so a count the caller has checked against the file's length still allocates only what was read.
    /// </summary>
    public T[] ReadArray<T>(int count, string what) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        Require((long)count * size, what);
        var items = new T[Math.Min(count, FirstChunkElements)];
        var filled = 0;
        while (filled < count)
        {
            if (filled == items.Length) Array.Resize(ref items, (int)Math.Min(count, 2L * items.Length));
            var chunk = items.AsSpan(filled, items.Length - filled);
            stream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            filled += chunk.Length;
        }
        if (!BitConverter.IsLittleEndian && size > 1) ReverseEach(MemoryMarshal.AsBytes(items.AsSpan()), size);
        return items;
    }

    public void Require(long bytes, string what)
    {
        if (bytes < 0 || Remaining < bytes) throw new GgufFormatException($"file truncated reading {what}", Position);
    }

    private Span<byte> Take(int bytes, string what)
    {
        Require(bytes, what);
        var span = _scratch.AsSpan(0, bytes);
        stream.ReadExactly(span);
        return span;
    }

    private static void ReverseEach(Span<byte> bytes, int size)
    {
        for (var i = 0; i < bytes.Length; i += size) bytes.Slice(i, size).Reverse();
    }
}
