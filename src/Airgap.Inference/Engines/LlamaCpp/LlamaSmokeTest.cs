using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>The outcome of loading a model and generating from it.</summary>
public sealed record SmokeTestResult(int PromptTokens, int GeneratedTokens, string Text, TimeSpan LoadTime, TimeSpan GenerateTime);

/// <summary>
/// Loads a GGUF model in llama.cpp and greedily generates a few tokens from a prompt made with the model's own chat
/// template, as every chat request will be: the proof that a file is not just well-formed but runnable and
/// servable. Run it in a child process when the file is untrusted.
/// </summary>
public static class LlamaSmokeTest
{
    /// <summary>Loads <paramref name="modelPath"/>, applies its chat template and generates up to <paramref name="maxTokens"/> tokens.</summary>
    public static SmokeTestResult Run(string modelPath, int maxTokens = 8, int threads = 0)
    {
        var parameters = new ModelParams(modelPath)
        {
            ContextSize = 256,
            GpuLayerCount = 0,
            BatchSize = 256,
            Threads = threads > 0 ? threads : Math.Max(1, Environment.ProcessorCount),
        };
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var weights = LlamaNative.LoadWeights(parameters);
        using var context = weights.CreateContext(parameters);
        var loadTime = started.Elapsed;

        started.Restart();
        var prompt = context.Tokenize(ChatPrompt(weights), addBos: weights.Vocab.ShouldAddBOS, special: true);
        var batch = new LLamaBatch();
        batch.AddRange(prompt, 0, LLamaSeqId.Zero, true);
        var generated = new List<LLamaToken>();
        var position = prompt.Length;
        for (var i = 0; i < maxTokens; i++)
        {
            var status = context.NativeHandle.Decode(batch);
            if (status != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {status}");
            var next = ArgMax(context.NativeHandle.GetLogitsIth(batch.TokenCount - 1));
            generated.Add(next);
            if (next.IsEndOfGeneration(weights.Vocab)) break;
            batch.Clear();
            batch.Add(next, position++, LLamaSeqId.Zero, true);
        }
        var decoder = new StreamingTokenDecoder(context);
        decoder.AddRange(generated);
        var text = decoder.Read();
        return new SmokeTestResult(prompt.Length, generated.Count, text, loadTime, started.Elapsed);
    }

    // The same template engine the runner uses for every chat request, so a template it cannot apply fails here.
    private static string ChatPrompt(LLamaWeights weights)
    {
        try
        {
            var template = new LLamaTemplate(weights) { AddAssistant = true };
            template.Add("system", "You are a helpful assistant.");
            template.Add("user", "Say hello.");
            var prompt = Encoding.UTF8.GetString(template.Apply());
            return prompt.Length > 0 ? prompt : throw new InvalidOperationException("it produced an empty prompt");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"llama.cpp cannot apply the model's chat template (tokenizer.chat_template): {OneLine(e.Message)}", e);
        }
    }

    // The message quotes the template from the file: keep it to one short printable line.
    private static string OneLine(string text)
    {
        var printable = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Where(c => !char.IsControl(c)).ToArray())));
        return printable.Length <= 300 ? printable : printable[..300] + "…";
    }

    private static LLamaToken ArgMax(Span<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return (LLamaToken)best;
    }
}
