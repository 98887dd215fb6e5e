namespace Airgap.Analytics.Search;

/// <summary>
/// The fallback when no embedding model answers: BM25 over lower-cased words and numbers (k1 1.2, b 0.75), so a
/// search still finds the texts that share the query's rarer words. Deterministic; texts sharing none are left out.
/// </summary>
internal static class KeywordRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    public static IReadOnlyList<(int Index, double Score)> Rank(string query, IReadOnlyList<string> texts)
    {
        var terms = Words(query).Distinct().ToArray();
        var documents = texts.Select(t => Words(t).ToArray()).ToArray();
        if (terms.Length == 0 || documents.Length == 0) return [];
        var averageLength = Math.Max(1, documents.Average(d => d.Length));
        var idf = terms.ToDictionary(t => t, t =>
        {
            var df = documents.Count(d => d.Contains(t));
            return Math.Log(1 + (documents.Length - df + 0.5) / (df + 0.5));
        });
        var scores = new List<(int, double)>();
        for (var i = 0; i < documents.Length; i++)
        {
            var score = 0.0;
            foreach (var term in terms)
            {
                var tf = documents[i].Count(w => w == term);
                if (tf > 0) score += idf[term] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * documents[i].Length / averageLength));
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
