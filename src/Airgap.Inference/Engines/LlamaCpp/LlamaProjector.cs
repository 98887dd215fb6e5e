using Airgap.Inference.Vision;
using LLama;
using LLama.Exceptions;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// A vision projector (mmproj) loaded by llama.cpp's mtmd beside a language model: it turns prompts whose image
/// markers stand for images into chunks of text tokens and image embeddings. Tokenizing (which resizes and tiles
/// the pixels) runs on the caller's thread; encoding and decoding the chunks only on the runner's decode thread.
/// </summary>
public sealed class LlamaProjector : IDisposable
{
    /// <summary>The text that stands for one image in a prompt.</summary>
    public const string Marker = PromptImage.Marker;

    private readonly MtmdWeights _weights;

    private LlamaProjector(MtmdWeights weights) => _weights = weights;

    /// <summary>
    /// Loads the projector at <paramref name="path"/> for <paramref name="model"/>; throws, with llama.cpp's own
    /// words, for a file it refuses or a projector this server cannot serve (audio only, M-RoPE positions).
    /// </summary>
    public static LlamaProjector Load(string path, LLamaWeights model, int threads)
    {
        LlamaNative.EnsureConfigured();
        MtmdLog.EnsureRouted();
        var parameters = MtmdContextParams.Default();
        parameters.UseGpu = false;
        parameters.NThreads = threads;
        parameters.PrintTimings = false;
        parameters.MediaMarker = Marker;
        MtmdWeights weights;
        using (var capture = NativeLogCapture.Start())
        {
            try
            {
                weights = MtmdWeights.LoadFromFile(path, model, parameters);
            }
            catch (Exception e) when (e is LoadWeightsFailedException or RuntimeError)
            {
                var reason = capture.Errors.Count > 0 ? string.Join("; ", capture.Errors) : e.Message;
                throw new InvalidOperationException($"llama.cpp could not load the vision projector {Path.GetFileName(path)}: {reason}", e);
            }
        }
        try
        {
            if (!weights.SupportsVision) throw new InvalidOperationException("the vision projector has no vision encoder (an audio projector?)");
            // Positions after an image are then not one per token: the runner's one-position-per-token batches would misplace them.
            if (weights.UsesMRope) throw new InvalidOperationException("the vision projector needs M-RoPE positions (Qwen2-VL family), which this server does not serve yet");
            return new LlamaProjector(weights);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Splits <paramref name="prompt"/> at its <see cref="Marker"/>s into text and image chunks, one marker per image in
    /// order; throws when they do not pair up or an image cannot be prepared.
    /// </summary>
    public MediaPrompt Tokenize(string prompt, IReadOnlyList<PromptImage> images, bool addSpecial)
    {
        var embeds = new SafeMtmdEmbed[images.Count];
        try
        {
            for (var i = 0; i < images.Count; i++)
                embeds[i] = SafeMtmdEmbed.FromRgbBytes((uint)images[i].Width, (uint)images[i].Height, images[i].Rgb)
                    ?? throw new InvalidOperationException($"llama.cpp could not take image {i + 1} ({images[i].Width} × {images[i].Height})");
            int status;
            SafeMtmdInputChunks? chunks;
            using (var capture = NativeLogCapture.Start())
            {
                status = _weights.Tokenize(prompt, addSpecial, parseSpecial: true, embeds, out chunks);
                if (status != 0 || chunks is null)
                {
                    var reason = capture.Errors.Count > 0 ? string.Join("; ", capture.Errors) : $"status {status}";
                    throw new InvalidOperationException($"llama.cpp could not split the prompt into text and images: {reason}");
                }
            }
            return new MediaPrompt(chunks);
        }
        finally
        {
            foreach (var embed in embeds) embed?.Dispose();
        }
    }

    /// <summary>Evaluates chunk <paramref name="index"/> of <paramref name="prompt"/> into <paramref name="sequence"/> at <paramref name="position"/> (decode thread only).</summary>
    internal int Evaluate(MediaPrompt prompt, int index, SafeLLamaContextHandle context, ref int position, int sequence, int batchSize, bool logitsLast) =>
        _weights.NativeHandle.EvaluateChunk(prompt.ChunkPointer(index), context, ref position, sequence, batchSize, logitsLast);

    public void Dispose() => _weights.Dispose();
}
