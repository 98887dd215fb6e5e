namespace Airgap.Analytics.Search;

/// <summary>
/// The fallback when no embedding model answers: BM25 over lower-cased words and numbers (k1 1.2, b 0.75), so a
/// search still finds the texts that share the query's rarer words. Deterministic; texts sharing none are left out.
/// </summary>
internal static class KeywordRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Query words beyond these are ignored: a query is a few words, and each costs a pass over the collection.
    private const int MaxQueryTerms = 64;

    public static IReadOnlyList<(int Index, double Score)> Rank(string query, IReadOnlyList<string> texts)
    {
        var terms = Words(query).Distinct().Take(MaxQueryTerms).ToArray();
        if (terms.Length == 0 || texts.Count == 0) return [];
        var wanted = terms.ToHashSet(StringComparer.Ordinal);
        // One pass per text: its length and how often each query word occurs in it.
        var lengths = new int[texts.Count];
        var counts = new Dictionary<string, int>?[texts.Count];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            foreach (var word in Words(texts[i]))
            {
                lengths[i]++;
                if (!wanted.Contains(word)) continue;
                counts[i] ??= new Dictionary<string, int>(StringComparer.Ordinal);
                if (counts[i]!.TryGetValue(word, out var n)) counts[i]![word] = n + 1;
                else
                {
                    counts[i]![word] = 1;
                    documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
                }
            }
        }
        var averageLength = Math.Max(1, lengths.Average());
        var scores = new List<(int, double)>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (counts[i] is not { } found) continue;
            var score = 0.0;
            foreach (var (term, tf) in found)
            {
                var df = documentFrequency[term];
                var idf = Math.Log(1 + (texts.Count - df + 0.5) / (df + 0.5));
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / averageLength));
            }
            if (score > 0) scores.Add((i, score));
        }
        return scores;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
