using FastBertTokenizer;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// Texts as one rectangular batch of word pieces: each cut to the model's longest input, padded to the longest in the
/// batch, with the attention mask that keeps padding out of attention and pooling.
/// </summary>
internal sealed class PaddedBatch
{
    private PaddedBatch(int rows, int width, int[] lengths)
    {
        (Rows, Width, Lengths) = (rows, width, lengths);
        InputIds = new long[rows * width];
        AttentionMask = new long[rows * width];
        TokenTypeIds = new long[rows * width];
    }

    public int Rows { get; }
    public int Width { get; }

    /// <summary>Word pieces of each row before padding, [CLS] and [SEP] included.</summary>
    public int[] Lengths { get; }
    public long[] InputIds { get; }
    public long[] AttentionMask { get; }
    public long[] TokenTypeIds { get; }

    public long[] Shape => [Rows, Width];

    public static PaddedBatch Tokenize(BertTokenizer tokenizer, IReadOnlyList<string> texts, int maxTokens)
    {
        // ToArray: the tokenizer answers in a buffer of its own that its next call overwrites.
        var encoded = texts.Select(t => tokenizer.Encode(t, maxTokens).InputIds.ToArray()).ToList();
        var batch = new PaddedBatch(texts.Count, encoded.Max(e => e.Length), encoded.Select(e => e.Length).ToArray());
        for (var row = 0; row < batch.Rows; row++)
        {
            var offset = row * batch.Width;
            encoded[row].CopyTo(batch.InputIds.AsSpan(offset));
            batch.AttentionMask.AsSpan(offset, encoded[row].Length).Fill(1);
        }
        return batch;
    }
}
