namespace Airgap.Bench;

/// <summary>The served figures divided by llama.cpp's own, each pair measured on the same file and threads in the same run.</summary>
public static class LlamaCppRatios
{
    public static void Add(Results results, IReadOnlyList<int> streamCounts)
    {
        results.AddRatio("served decode / llama-bench tg", "served decode tok/s (client)", "llama-bench tg tok/s", ">= 1.0 (was 1.06)");
        results.AddRatio("raw decode / llama-bench tg", "raw decode tok/s", "llama-bench tg tok/s");
        results.AddRatio("served prompt (server) / llama-bench pp512", "served prompt tok/s (server)", "llama-bench pp512 tok/s");
        foreach (var n in streamCounts)
            results.AddRatio($"{n} served streams / llama-batched-bench {n}", $"aggregate tok/s, {n} streams", $"llama-batched-bench tok/s, {n} sequences",
                n == 4 ? ">= 1.0 (was 1.01)" : null);
        results.AddRatio("4 served streams / llama-batched-bench S_TG 4", "aggregate tok/s, 4 streams", "llama-batched-bench S_TG tok/s, 4 sequences");
        results.AddRatio("served TTFT prompt tok/s / llama-server", "served prompt tok/s (client: tokens / TTFT)", "llama-server prompt tok/s (client: tokens / TTFT)");
        results.AddRatio("served decode / llama-server (1 stream)", "served decode tok/s (client)", "llama-server decode tok/s (client)");
        results.AddRatio("1 served stream / llama-server 1", "aggregate tok/s, 1 streams", "llama-server aggregate tok/s, 1 streams");
        results.AddRatio("4 served streams / llama-server --parallel 4", "aggregate tok/s, 4 streams", "llama-server aggregate tok/s, 4 streams", ">= 1.3");
    }
}
