namespace Airgap.Models.Synthetic;

/// <summary>
/// A SentencePiece-style vocabulary: unknown, BOS, EOS, the 256 byte tokens, the ChatML control tokens, then
/// word pieces up to the requested size, so llama.cpp can tokenize any text by byte fallback.
/// </summary>
public sealed class SyntheticVocabulary
{
    /// <summary>SentencePiece token types as llama.cpp numbers them.</summary>
    public const int Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Byte = 6;

    public const int UnknownId = 0, BosId = 1, EosId = 2;
    public const string ImStart = "<|im_start|>", ImEnd = "<|im_end|>";

    /// <summary>
    /// The tokens llama.cpp's mtmd looks up by text around an Idefics3 / SmolVLM image (a missing one would reach the
    /// model as token -1): the image delimiter, the overview marker and the paragraph break.
    /// </summary>
    public static IReadOnlyList<string> ImageTokens { get; } = ["<fake_token_around_image>", "<global-img>", "\n\n"];

    /// <summary>Token texts by id.</summary>
    public List<string> Tokens { get; } = [];

    /// <summary>Merge scores by id (higher merges first).</summary>
    public List<float> Scores { get; } = [];

    /// <summary>Token types by id.</summary>
    public List<int> Types { get; } = [];

    /// <summary>Id of the ChatML end-of-turn token, which is also the end-of-generation token.</summary>
    public int ImEndId { get; }

    /// <summary>Builds a vocabulary of exactly <paramref name="size"/> tokens (at least 300), with <see cref="ImageTokens"/> when asked.</summary>
    public SyntheticVocabulary(int size, bool imageTokens = false)
    {
        if (size < 300) throw new ArgumentOutOfRangeException(nameof(size), "a vocabulary needs at least 300 tokens");
        Add("<unk>", 0, Unknown);
        Add("<s>", 0, Control);
        Add("</s>", 0, Control);
        for (var b = 0; b < 256; b++) Add($"<0x{b:X2}>", 0, Byte);
        Add(ImStart, 0, Control);
        ImEndId = Tokens.Count;
        Add(ImEnd, 0, Control);
        if (imageTokens)
            foreach (var token in ImageTokens) Add(token, 0, token.StartsWith('<') ? Control : UserDefined);

        var seen = new HashSet<string>(Tokens, StringComparer.Ordinal);
        foreach (var piece in Pieces())
        {
            if (Tokens.Count == size) break;
            if (seen.Add(piece)) Add(piece, -Tokens.Count, Normal);
        }
    }

    private void Add(string text, float score, int type)
    {
        Tokens.Add(text);
        Scores.Add(score);
        Types.Add(type);
    }

    // Single characters first so every letter has a piece, then ever longer letter runs with and without the
    // word-start marker; enough distinct pieces for the largest real vocabulary.
    private static IEnumerable<string> Pieces()
    {
        const string marker = "\u2581";
        yield return marker;
        const string singles = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;!?'\"-_()[]{}<>/\\|@#$%^&*+=~`";
        foreach (var c in singles) yield return c.ToString();
        foreach (var c in singles) yield return marker + c;
        const string letters = "etaoinshrdlcumwfgypbvkjxqz";
        for (var length = 2; length <= 5; length++)
        {
            foreach (var word in Words(letters, length))
            {
                yield return marker + word;
                yield return word;
            }
        }
    }

    private static IEnumerable<string> Words(string letters, int length)
    {
        var index = new int[length];
        while (true)
        {
            yield return string.Create(length, index, (span, idx) =>
            {
                for (var i = 0; i < span.Length; i++) span[i] = letters[idx[i]];
            });
            var pos = length - 1;
            while (pos >= 0 && ++index[pos] == letters.Length) index[pos--] = 0;
            if (pos < 0) yield break;
        }
    }
}
