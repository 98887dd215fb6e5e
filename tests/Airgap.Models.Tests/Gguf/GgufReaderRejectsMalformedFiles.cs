using System.Text;
using Airgap.Models.Gguf;

namespace Airgap.Models.Tests.Gguf;

public sealed class GgufReaderRejectsMalformedFiles
{
    private static byte[] Header(uint version = 3, ulong tensors = 0, ulong kvs = 0)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(version);
        w.Write(tensors);
        w.Write(kvs);
        return ms.ToArray();
    }

    private static GgufFormatException Reject(byte[] bytes) =>
        Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

    [Fact]
    public void A_file_with_the_wrong_magic_is_rejected_at_offset_zero()
    {
        var bytes = Header();
        bytes[0] = (byte)'X';
        var error = Reject(bytes);
        Assert.Equal(0, error.Offset);
        Assert.Contains("bad magic", error.Message);
    }

    [Fact]
    public void An_empty_file_is_rejected_as_truncated() =>
        Assert.Contains("truncated", Reject([]).Message);

    [Fact]
    public void An_unsupported_version_is_rejected() =>
        Assert.Contains("unsupported GGUF version 7", Reject(Header(version: 7)).Message);

    [Fact]
    public void A_huge_tensor_count_is_rejected_before_allocating()
    {
        var error = Reject(Header(tensors: ulong.MaxValue / 2));
        Assert.Contains("tensor count", error.Message);
        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void A_huge_metadata_count_is_rejected_before_allocating() =>
        Assert.Contains("metadata count", Reject(Header(kvs: 1UL << 40)).Message);

    [Fact]
    public void A_string_longer_than_the_file_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(kvs: 1));
        w.Write(ulong.MaxValue - 3); // key length
        w.Write(new byte[16]);
        var error = Reject(ms.ToArray());
        Assert.Contains("metadata key length", error.Message);
        Assert.Equal(24, error.Offset);
    }

    [Fact]
    public void An_array_with_a_huge_count_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(kvs: 1));
        WriteString(w, "tokenizer.ggml.tokens");
        w.Write((uint)GgufValueType.Array);
        w.Write((uint)GgufValueType.String);
        w.Write(1UL << 60);
        Assert.Contains("array length", Reject(ms.ToArray()).Message);
    }

    [Fact]
    public void A_truncated_valid_file_is_rejected_at_every_cut()
    {
        var valid = ValidFile();
        Assert.NotNull(GgufReader.Read(new MemoryStream(valid)));
        for (var cut = 0; cut < valid.Length; cut += 7)
            Reject(valid[..cut]);
    }

    [Fact]
    public void A_tensor_whose_size_overflows_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(tensors: 1));
        WriteString(w, "huge");
        w.Write(4u);
        for (var i = 0; i < 4; i++) w.Write(1UL << 40);
        w.Write((uint)GgmlType.F32);
        w.Write(0UL);
        Assert.Contains("overflows", Reject(ms.ToArray()).Message);
    }

    [Fact]
    public void A_tensor_whose_data_runs_past_the_end_of_the_file_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(tensors: 1));
        WriteString(w, "w");
        w.Write(1u);
        w.Write(1024UL);
        w.Write((uint)GgmlType.F32);
        w.Write(0UL);
        var error = Reject(ms.ToArray());
        Assert.Contains("runs past the end", error.Message);
        Assert.Equal(24, error.Offset); // the tensor's entry, not its data offset past the end of the file
    }

    [Fact]
    public void A_tensor_with_an_unknown_type_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(tensors: 1));
        WriteString(w, "w");
        w.Write(1u);
        w.Write(8UL);
        w.Write(999u);
        w.Write(0UL);
        Assert.Contains("unknown type 999", Reject(ms.ToArray()).Message);
    }

    [Fact]
    public void A_value_with_an_unknown_type_tag_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(kvs: 1));
        WriteString(w, "k");
        w.Write(77u);
        w.Write(0UL);
        Assert.Contains("not a GGUF type", Reject(ms.ToArray()).Message);
    }

    [Fact]
    public void A_tensor_name_llama_cpp_would_refuse_is_rejected()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(tensors: 1));
        WriteString(w, new string('n', 64));
        w.Write(1u);
        w.Write(32UL);
        w.Write((uint)GgmlType.F32);
        w.Write(0UL);
        w.Write(new byte[128]);
        var error = Reject(ms.ToArray());
        Assert.Contains("tensor name length 64 exceeds the limit of 63 bytes", error.Message);
        Assert.Equal(24, error.Offset);
    }

    [Fact]
    public void A_bool_array_element_other_than_0_or_1_is_rejected_at_its_offset()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header(kvs: 1));
        WriteString(w, "flags");
        w.Write((uint)GgufValueType.Array);
        w.Write((uint)GgufValueType.Bool);
        w.Write(3UL);
        w.Write(new byte[] { 1, 0, 2 });
        var error = Reject(ms.ToArray());
        Assert.Contains("bool element 2", error.Message);
        Assert.Equal(ms.Length - 1, error.Offset);
    }

    [Fact]
    public void A_stream_holding_fewer_bytes_than_its_length_says_is_rejected()
    {
        var valid = ValidFile();
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new StreamClaimingMore(valid[..40], valid.Length)));
        Assert.Contains("ended before its stated length", error.Message);
    }

    // A file that shrinks while it is read: the length promises bytes that never arrive.
    private sealed class StreamClaimingMore(byte[] bytes, long claimed) : MemoryStream(bytes)
    {
        public override long Length => claimed;
    }

    internal static byte[] ValidFile()
    {
        var ms = new MemoryStream();
        GgufWriter.Write(ms,
            [new("general.architecture", "llama"), new("general.name", "t"), new("llama.block_count", 1u)],
            [new GgufTensorSource("w", [32, 2], GgmlType.F32, s => s.Write(new byte[256]))]);
        return ms.ToArray();
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
