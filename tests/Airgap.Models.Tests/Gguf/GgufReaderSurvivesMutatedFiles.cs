using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Airgap.Models.Gguf;

namespace Airgap.Models.Tests.Gguf;

/// <summary>
/// Seeded mutations of a small valid GGUF file (truncations, bit flips, absurd counts at count fields): each ends in
/// a parse or a <see cref="GgufFormatException"/> naming an offset inside the file, quickly and in bounded memory.
/// </summary>
public sealed class GgufReaderSurvivesMutatedFiles
{
    private const int Mutations = 400;
    private static readonly TimeSpan PerParseLimit = TimeSpan.FromSeconds(5);

    private static readonly ulong[] AbsurdCounts =
    [
        ulong.MaxValue, ulong.MaxValue - 7, 1UL << 63, long.MaxValue, 1UL << 32, uint.MaxValue, 1UL << 31,
        int.MaxValue, (ulong)GgufReader.MaxArrayLength + 1, (ulong)GgufReader.MaxStringBytes + 1, 1 << 20, 4096, 0,
    ];

    [Fact]
    public void Every_mutation_ends_in_a_parse_or_a_format_error_naming_its_offset()
    {
        var valid = ValidFile();
        var counts = CountFields(valid);
        var started = Stopwatch.StartNew();
        var failures = new List<string>();
        for (var seed = 0; seed < Mutations; seed++)
        {
            var (kind, bytes) = Mutate(valid, counts, new Random(seed));
            var outcome = Parse(bytes);
            if (outcome is not null) failures.Add($"seed {seed} ({kind}): {outcome}");
        }
        Assert.Empty(failures);
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_unmutated_file_parses()
    {
        var file = GgufReader.Read(new MemoryStream(ValidFile()));
        Assert.Equal(2, file.Tensors.Count);
        Assert.Equal(["<s>", "</s>", "héllo"], Assert.IsType<string[]>(((GgufArray)file.Metadata["tokenizer.ggml.tokens"]).Items));
    }

    /// <summary>Null when the outcome is acceptable, otherwise what went wrong.</summary>
    private static string? Parse(byte[] bytes)
    {
        var parse = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            string? outcome = null;
            try
            {
                var file = GgufReader.Read(new MemoryStream(bytes, writable: false));
                _ = GgufModelInfo.From(file); // what import does with a header that parsed
            }
            catch (GgufFormatException e)
            {
                if (e.Offset < 0 || e.Offset > bytes.Length) outcome = $"offset {e.Offset} outside the {bytes.Length}-byte file";
                else if (!e.Message.Contains($"at offset {e.Offset}:")) outcome = $"message does not name the offset: {e.Message}";
            }
            catch (Exception e)
            {
                outcome = $"{e.GetType().Name}: {e.Message}";
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // The exception, its message and stack trace are a fixed cost; the rest must scale with the file.
            if (allocated > 32 * 1024 + 16L * bytes.Length) outcome ??= $"allocated {allocated} bytes for a {bytes.Length}-byte file";
            return outcome;
        });
        return parse.Wait(PerParseLimit) ? parse.Result : $"still parsing after {PerParseLimit}";
    }

    private static (string Kind, byte[] Bytes) Mutate(byte[] valid, int[] counts, Random random)
    {
        var bytes = (byte[])valid.Clone();
        switch (random.Next(4))
        {
            case 0:
                return ("truncation", bytes[..random.Next(valid.Length)]);
            case 1:
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ($"{flips} bit flips", bytes);
            case 2:
                var field = counts[random.Next(counts.Length)];
                var count = AbsurdCounts[random.Next(AbsurdCounts.Length)];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(field), count);
                return ($"count {count} at {field}", bytes);
            default:
                var at = random.Next(bytes.Length - 4);
                var value = (uint)random.NextInt64(uint.MaxValue + 1L);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
                return ($"uint32 {value} at {at}", bytes);
        }
    }

    private static readonly string[] Keys =
        ["general.architecture", "general.alignment", "llama.block_count", "llama.attention.head_count",
         "tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "flags", "nested",
         "tokenizer.chat_template", "blk.0.weight", "token_embd.weight"];

    private static byte[] ValidFile()
    {
        var ms = new MemoryStream();
        GgufWriter.Write(ms,
        [
            new("general.architecture", "llama"),
            new("general.alignment", 32u),
            new("llama.block_count", 1u),
            new("llama.attention.head_count", new GgufArray(GgufValueType.UInt32, new[] { 4u, 4u })),
            new("tokenizer.ggml.tokens", new GgufArray(GgufValueType.String, new[] { "<s>", "</s>", "héllo" })),
            new("tokenizer.ggml.scores", new GgufArray(GgufValueType.Float32, new[] { 0f, -1f, -2.5f })),
            new("tokenizer.ggml.token_type", new GgufArray(GgufValueType.Int32, new[] { 3, 3, 1 })),
            new("flags", new GgufArray(GgufValueType.Bool, new[] { true, false })),
            new("nested", new GgufArray(GgufValueType.Array,
                new[] { new GgufArray(GgufValueType.UInt16, new ushort[] { 1, 2 }), new GgufArray(GgufValueType.Int64, new[] { -1L }) })),
            new("tokenizer.chat_template", "{{ messages }}"),
        ],
        [
            new GgufTensorSource("token_embd.weight", [32, 3], GgmlType.F16, s => s.Write(new byte[192])),
            new GgufTensorSource("blk.0.weight", [32], GgmlType.Q8_0, s => s.Write(new byte[34])),
        ]);
        return ms.ToArray();
    }

    /// <summary>Offsets of the uint64 counts in the file: header counts, string lengths and array lengths.</summary>
    private static int[] CountFields(byte[] file)
    {
        var offsets = new List<int> { 8, 16 };
        foreach (var key in Keys)
        {
            var name = Encoding.UTF8.GetBytes(key);
            var at = file.AsSpan().IndexOf(name);
            Assert.True(at >= 8, $"'{key}' is in the file");
            var end = at + name.Length;
            offsets.Add(at - 8);
            var type = (GgufValueType)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(end));
            if (type == GgufValueType.String) offsets.Add(end + 4);
            if (type != GgufValueType.Array) continue;
            offsets.Add(end + 8);
            // The first element's own count: a string's length, or a nested array's length after its element type.
            var elementType = (GgufValueType)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(end + 4));
            if (elementType == GgufValueType.String) offsets.Add(end + 16);
            if (elementType == GgufValueType.Array) offsets.Add(end + 20);
        }
        return [.. offsets];
    }
}
