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
    /// <summary>
    /// Loads <paramref name="modelPath"/> (with its vision projector <paramref name="projectorPath"/>, when given, and then
    /// a prompt that shows it an image), applies its chat template and generates up to <paramref name="maxTokens"/> tokens.
    /// </summary>
    public static SmokeTestResult Run(string modelPath, int maxTokens = 8, int threads = 0, string? projectorPath = null)
    {
        threads = threads > 0 ? threads : Math.Max(1, Environment.ProcessorCount);
        var parameters = new ModelParams(modelPath)
        {
            ContextSize = 512,
            GpuLayerCount = 0,
            BatchSize = 256,
            Threads = threads,
        };
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var weights = LlamaNative.LoadWeights(parameters);
        using var projector = projectorPath is null ? null : LlamaProjector.Load(projectorPath, weights, threads);
        // An image becomes many positions (SmolVLM: up to 17 tiles of 64); the context is sized to the prompt.
        using var media = projector?.Tokenize(ChatPrompt(weights, LlamaProjector.Marker + "\nWhat does this image show?"), [TestCard()],
            weights.Vocab.ShouldAddBOS);
        if (media is not null) parameters.ContextSize = (uint)Math.Max(512, (media.Tokens.Length + maxTokens + 256) / 256 * 256);
        using var context = weights.CreateContext(parameters);
        var loadTime = started.Elapsed;

        started.Restart();
        var batch = new LLamaBatch();
        int promptTokens, position, logits;
        if (media is null)
        {
            var prompt = context.Tokenize(ChatPrompt(weights, "Say hello."), addBos: weights.Vocab.ShouldAddBOS, special: true);
            batch.AddRange(prompt, 0, LLamaSeqId.Zero, true);
            var status = context.NativeHandle.Decode(batch);
            if (status != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {status}");
            (promptTokens, position, logits) = (prompt.Length, prompt.Length, prompt.Length - 1);
        }
        else
        {
            position = 0;
            for (var chunk = 0; chunk < media.ChunkCount; chunk++)
            {
                var status = projector!.Evaluate(media, chunk, context.NativeHandle, ref position, 0, (int)parameters.BatchSize, chunk == media.ChunkCount - 1);
                if (status != 0) throw new InvalidOperationException($"llama.cpp could not evaluate chunk {chunk + 1} of {media.ChunkCount} of the image prompt: status {status}");
            }
            // mtmd decodes the last chunk in its own batch: its last output is the one to read.
            (promptTokens, logits) = (media.Tokens.Length, -1);
        }

        var generated = new List<LLamaToken>();
        for (var i = 0; i < maxTokens; i++)
        {
            if (i > 0)
            {
                var status = context.NativeHandle.Decode(batch);
                if (status != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {status}");
                logits = 0;
            }
            var next = ArgMax(context.NativeHandle.GetLogitsIth(logits));
            generated.Add(next);
            if (next.IsEndOfGeneration(weights.Vocab)) break;
            batch.Clear();
            batch.Add(next, position++, LLamaSeqId.Zero, true);
        }
        var decoder = new StreamingTokenDecoder(context);
        decoder.AddRange(generated);
        var text = decoder.Read();
        return new SmokeTestResult(promptTokens, generated.Count, text, loadTime, started.Elapsed);
    }

    // A 64 × 48 colour ramp: any projector must take it, and it needs no decoder.
    private static Vision.PromptImage TestCard()
    {
        const int width = 64, height = 48;
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 3;
            (rgb[i], rgb[i + 1], rgb[i + 2]) = ((byte)(x * 4), (byte)(y * 5), (byte)(255 - x * 2));
        }
        return Vision.PromptImage.FromRgb(width, height, rgb);
    }

    // The same template engine the runner uses for every chat request, so a template it cannot apply fails here.
    private static string ChatPrompt(LLamaWeights weights, string question)
    {
        try
        {
            var template = new LLamaTemplate(weights) { AddAssistant = true };
            template.Add("system", "You are a helpful assistant.");
            template.Add("user", question);
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
