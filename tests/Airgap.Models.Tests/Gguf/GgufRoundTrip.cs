using Airgap.Models.Gguf;
using Airgap.Models.Synthetic;

namespace Airgap.Models.Tests.Gguf;

public sealed class GgufRoundTrip : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-gguf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Metadata_of_every_type_reads_back_as_written()
    {
        var ms = new MemoryStream();
        GgufWriter.Write(ms,
        [
            new("u8", (byte)7), new("i8", (sbyte)-7), new("u16", (ushort)700), new("i16", (short)-700),
            new("u32", 70000u), new("i32", -70000), new("f32", 1.5f), new("b", true), new("s", "héllo"),
            new("u64", ulong.MaxValue), new("i64", long.MinValue), new("f64", 2.25),
            new("arr", new GgufArray(GgufValueType.Int32, new[] { 1, 2, 3 })),
        ], []);
        ms.Position = 0;
        var md = GgufReader.Read(ms).Metadata;
        Assert.Equal((byte)7, md["u8"]);
        Assert.Equal((sbyte)-7, md["i8"]);
        Assert.Equal((ushort)700, md["u16"]);
        Assert.Equal((short)-700, md["i16"]);
        Assert.Equal(70000u, md["u32"]);
        Assert.Equal(-70000, md["i32"]);
        Assert.Equal(1.5f, md["f32"]);
        Assert.Equal(true, md["b"]);
        Assert.Equal("héllo", md["s"]);
        Assert.Equal(ulong.MaxValue, md["u64"]);
        Assert.Equal(long.MinValue, md["i64"]);
        Assert.Equal(2.25, md["f64"]);
        Assert.Equal([1, 2, 3], Assert.IsType<int[]>(((GgufArray)md["arr"]).Items));
    }

    [Fact]
    public void Arrays_of_every_element_type_read_back_as_typed_arrays()
    {
        Array[] arrays =
        [
            new byte[] { 1, 2 }, new sbyte[] { -1 }, new ushort[] { 7 }, new short[] { -7 }, new uint[] { 9, 10 },
            new[] { -9 }, new[] { 0.5f }, new[] { true, false }, new[] { "a", "", "ü" }, new ulong[] { ulong.MaxValue },
            new[] { long.MinValue }, new[] { 0.25 },
            new[] { new GgufArray(GgufValueType.UInt32, new uint[] { 1 }), new GgufArray(GgufValueType.String, new[] { "x" }) },
        ];
        var types = new[]
        {
            GgufValueType.UInt8, GgufValueType.Int8, GgufValueType.UInt16, GgufValueType.Int16, GgufValueType.UInt32,
            GgufValueType.Int32, GgufValueType.Float32, GgufValueType.Bool, GgufValueType.String, GgufValueType.UInt64,
            GgufValueType.Int64, GgufValueType.Float64, GgufValueType.Array,
        };
        var ms = new MemoryStream();
        GgufWriter.Write(ms, [.. types.Select((t, i) => new KeyValuePair<string, object>($"a{i}", new GgufArray(t, arrays[i])))], []);
        ms.Position = 0;

        var md = GgufReader.Read(ms).Metadata;

        for (var i = 0; i < types.Length - 1; i++)
        {
            var read = Assert.IsType<GgufArray>(md[$"a{i}"]);
            Assert.Equal(types[i], read.ElementType);
            Assert.Equal(arrays[i].GetType(), read.Items.GetType());
            Assert.Equal(arrays[i].Cast<object>(), read.Items.Cast<object>());
        }
        var nested = Assert.IsType<GgufArray[]>(((GgufArray)md[$"a{types.Length - 1}"]).Items);
        Assert.Equal([1u], Assert.IsType<uint[]>(nested[0].Items));
        Assert.Equal(["x"], Assert.IsType<string[]>(nested[1].Items));
    }

    [Fact]
    public void An_array_whose_items_are_not_of_its_element_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new GgufArray(GgufValueType.Int32, new object[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => new GgufArray(GgufValueType.String, new string[] { "a", null! }));
    }

    [Fact]
    public void A_synthetic_tiny_model_reports_its_shape()
    {
        var path = Path.Combine(_dir, "tiny.gguf");
        SyntheticModelWriter.Write(path, SyntheticPreset.Tiny);

        var info = GgufModelInfo.From(GgufReader.ReadFile(path));

        var p = SyntheticPreset.Tiny;
        Assert.Equal("llama", info.Architecture);
        Assert.Equal("F16", info.Quantization);
        Assert.Equal(p.BlockCount, info.BlockCount);
        Assert.Equal(p.EmbeddingLength, info.EmbeddingLength);
        Assert.Equal(p.HeadCount, info.HeadCount);
        Assert.Equal(p.HeadCountKv, info.HeadCountKv);
        Assert.Equal(p.VocabularySize, info.VocabularySize);
        Assert.Equal(p.ContextLength, info.ContextLength);
        Assert.True(info.HasChatTemplate);
        var perLayer = 256 * 256 * 2 + 256 * 128 * 2 + 3 * 256 * 512 + 2 * 256;
        Assert.Equal((ulong)(1024 * 256 + 2 * perLayer + 256), info.ParameterCount);
        Assert.InRange(new FileInfo(path).Length, 1_000_000, 8_000_000);
    }

    [Fact]
    public void The_qwen3_preset_has_the_parameter_count_of_qwen3_0_6b()
    {
        var p = SyntheticPreset.Qwen3_0_6B;
        long embd = p.EmbeddingLength, q = p.HeadCount * p.HeadDimension, kv = p.HeadCountKv * p.HeadDimension;
        var perLayer = embd * q * 2 + embd * kv * 2 + 3 * embd * p.FeedForwardLength;
        var total = embd * p.VocabularySize + p.BlockCount * perLayer;
        // Qwen3-0.6B has 0.6B parameters (0.44B without embeddings).
        Assert.InRange(total, 580_000_000, 620_000_000);
    }
}
