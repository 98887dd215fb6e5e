using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// A prompt split by mtmd into text and image chunks, owned by one generation job; <see cref="Tokens"/> spells it
/// as the runner counts it: text tokens as they are, each image embedding as <see cref="ImageToken"/>.
/// </summary>
public sealed class MediaPrompt : IDisposable
{
    /// <summary>The stand-in for one image embedding: no vocabulary token, so no cached prefix ever matches across it.</summary>
    public const int ImageToken = -1;

    private readonly SafeMtmdInputChunks _chunks;

    internal MediaPrompt(SafeMtmdInputChunks chunks)
    {
        _chunks = chunks;
        var tokens = new List<int>();
        var ends = new List<int>();
        foreach (var chunk in chunks.Enumerate())
        {
            EndsWithText = chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text;
            if (EndsWithText) tokens.AddRange(chunk.GetTextTokensSpan());
            else tokens.AddRange(Enumerable.Repeat(ImageToken, checked((int)chunk.NTokens)));
            ends.Add(tokens.Count);
        }
        Tokens = [.. tokens];
        ChunkEnds = [.. ends];
    }

    /// <summary>Every position of the prompt: text tokens, and <see cref="ImageToken"/> for each image embedding.</summary>
    public int[] Tokens { get; }

    /// <summary>Where each chunk ends in <see cref="Tokens"/>.</summary>
    public int[] ChunkEnds { get; }

    /// <summary>True when the last chunk is text: only a text chunk leaves logits to sample the first token from.</summary>
    public bool EndsWithText { get; }

    /// <summary>How many chunks the prompt has.</summary>
    public int ChunkCount => ChunkEnds.Length;

    internal IntPtr ChunkPointer(int index) => _chunks.GetChunkPtr((ulong)index);

    public void Dispose() => _chunks.Dispose();
}
