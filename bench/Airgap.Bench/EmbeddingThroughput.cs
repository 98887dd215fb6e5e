using System.Diagnostics;
using Airgap.Inference.Embeddings;
using Airgap.Inference.Engines.Onnx;

namespace Airgap.Bench;

/// <summary>
/// Texts per second of the built-in all-minilm on ONNX Runtime, one request of 1, 8 or 32 short log-like texts at a
/// time (one padded batch each), median of the rounds. Figures only.
/// </summary>
public static class EmbeddingThroughput
{
    private static readonly int[] BatchSizes = [1, 8, 32];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var vocabulary = MiniLmPackage.OpenVocabulary();
        var loading = Stopwatch.StartNew();
        using var encoder = OnnxSentenceEncoder.FromBytes(MiniLmPackage.ReadModel(), vocabulary,
            new SentenceEncoderSettings(BuiltInEmbeddingModel.MaxTokens, options.Threads, BatchSize: 32), BuiltInEmbeddingModel.Name);
        Console.WriteLine($"all-minilm ({BuiltInEmbeddingModel.Size / 1e6:0} MB ONNX), {options.Threads} threads, {options.Rounds} rounds, " +
                          $"cpu cores {Environment.ProcessorCount}, session built in {loading.Elapsed.TotalSeconds:0.00} s");
        var texts = Enumerable.Range(0, 64).Select(Text).ToList();
        await encoder.EncodeAsync(texts.Take(8).ToList(), default); // first run allocates ONNX Runtime's arenas
        foreach (var size in BatchSizes)
        {
            // Enough requests per round for about 64 texts, so small batches are timed over more than one call.
            var requests = Math.Max(1, 64 / size);
            var rates = new List<double>();
            var tokens = 0;
            for (var round = 0; round < options.Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                for (var r = 0; r < requests; r++)
                    tokens = (await encoder.EncodeAsync(texts.Skip(r * size % texts.Count).Take(size).ToList(), default)).Tokens;
                rates.Add(requests * size / clock.Elapsed.TotalSeconds);
            }
            rates.Sort();
            Console.WriteLine($"batch {size,2}: {rates[rates.Count / 2],7:0.0} texts/s (median; {tokens / size} word pieces a text on average)");
        }
        return 0;
    }

    private static string Text(int i) =>
        $"{i:00}: pump P-{100 + i % 7} {(i % 3 == 0 ? "vibration above threshold" : i % 3 == 1 ? "temperature rising on bearing" : "pressure drop in line")} " +
        $"at station {i % 5}, operator note: check seal and report to maintenance before shift {i % 3 + 1}";
}
