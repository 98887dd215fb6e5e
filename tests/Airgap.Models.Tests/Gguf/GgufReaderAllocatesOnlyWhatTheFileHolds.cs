using System.Text;
using Airgap.Models.Gguf;

namespace Airgap.Models.Tests.Gguf;

/// <summary>
/// A few forged bytes at the start of a large sparse file: the counts pass a check against the file's length, so
/// only allocating as bytes are read (not from the counts) keeps memory near what was really written.
/// </summary>
public sealed class GgufReaderAllocatesOnlyWhatTheFileHolds : IDisposable
{
    private const long EightGiB = 8L << 30;
    private const long HundredGiB = 100L << 30;

    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-gguf-sparse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_forged_tensor_count_is_refused_after_reading_only_the_written_bytes()
    {
        // 4M tensor entries of 32 bytes fit in 8 GiB; the first entry, read from the hole, has no dimensions.
        var error = RefuseSparse(Header(tensors: 4_000_000), EightGiB);
        Assert.Contains("0 dimensions", error.Message);
        Assert.Equal(24, error.Offset);
    }

    [Fact]
    public void A_forged_metadata_count_is_refused_after_reading_only_the_written_bytes()
    {
        var w = Writer(Header(kvs: 4_000_000));
        WriteString(w, "general.architecture");
        w.Write((uint)GgufValueType.String);
        WriteString(w, "llama");
        // The second pair comes from the hole: an empty key holding a uint8 zero, then the same key again.
        var error = RefuseSparse(w, EightGiB);
        Assert.Contains("duplicate metadata key ''", error.Message);
        Assert.Equal(w.BaseStream.Length + 13, error.Offset);
    }

    [Fact]
    public void A_forged_string_array_length_is_refused_at_its_first_bad_element_without_allocating_for_the_count()
    {
        var w = Writer(Header(kvs: 1));
        WriteString(w, "tokenizer.ggml.tokens");
        w.Write((uint)GgufValueType.Array);
        w.Write((uint)GgufValueType.String);
        w.Write(4_000_000UL);
        WriteString(w, "<s>");
        var badElement = w.BaseStream.Position;
        w.Write(ulong.MaxValue);
        var error = RefuseSparse(w, EightGiB);
        Assert.Contains("string element length", error.Message);
        Assert.Equal(badElement, error.Offset);
    }

    [Fact]
    public void A_primitive_array_length_past_the_limit_is_refused_at_its_offset()
    {
        var w = Writer(Header(kvs: 1));
        WriteString(w, "tokenizer.ggml.token_type");
        w.Write((uint)GgufValueType.Array);
        w.Write((uint)GgufValueType.UInt8);
        var lengthAt = w.BaseStream.Position;
        w.Write(3_000_000_000UL); // fits in 8 GiB, and past int.MaxValue
        var error = RefuseSparse(w, EightGiB);
        Assert.Contains("array length 3000000000 exceeds the limit", error.Message);
        Assert.Equal(lengthAt, error.Offset);
    }

    [Fact]
    public void A_forged_string_length_is_refused_at_its_offset()
    {
        var w = Writer(Header(kvs: 1));
        WriteString(w, "tokenizer.chat_template");
        w.Write((uint)GgufValueType.String);
        var lengthAt = w.BaseStream.Position;
        w.Write(1UL << 32);
        var error = RefuseSparse(w, EightGiB);
        Assert.Contains("string value length 4294967296 exceeds the limit", error.Message);
        Assert.Equal(lengthAt, error.Offset);
    }

    [Fact]
    public void A_metadata_count_past_int_range_does_not_wrap()
    {
        // 2^31 pairs of 13 bytes fit in 100 GiB; cast to int this count is negative.
        var error = RefuseSparse(Header(kvs: 1UL << 31), HundredGiB);
        Assert.Contains("duplicate metadata key ''", error.Message);
        Assert.Equal(24 + 13, error.Offset);
    }

    [Fact]
    public void A_tensor_count_past_int_range_does_not_wrap()
    {
        var error = RefuseSparse(Header(tensors: 1UL << 31), HundredGiB);
        Assert.Contains("0 dimensions", error.Message);
        Assert.Equal(24, error.Offset);
    }

    private GgufFormatException RefuseSparse(byte[] written, long length) => RefuseSparse(Writer(written), length);

    private GgufFormatException RefuseSparse(BinaryWriter written, long length)
    {
        var bytes = ((MemoryStream)written.BaseStream).ToArray();
        var path = Path.Combine(_dir, "forged.gguf");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            file.Write(bytes);
            file.SetLength(length);
        }

        // Counted on this thread only: tests in other classes allocate in parallel, and the reader is synchronous.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.ReadFile(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The file stream's 64 KiB buffer and the exception are fixed costs; the rest must scale with the bytes written.
        const long fixedCost = 128 * 1024;
        Assert.InRange(allocated, 0, fixedCost + 8L * bytes.Length);
        Assert.Contains($"at offset {error.Offset}:", error.Message);
        return error;
    }

    private static byte[] Header(ulong tensors = 0, ulong kvs = 0)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(3u);
        w.Write(tensors);
        w.Write(kvs);
        return ms.ToArray();
    }

    private static BinaryWriter Writer(byte[] start)
    {
        var w = new BinaryWriter(new MemoryStream());
        w.Write(start);
        return w;
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
