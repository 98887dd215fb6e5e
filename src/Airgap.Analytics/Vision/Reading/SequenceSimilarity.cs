namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Python's <c>difflib.SequenceMatcher(None, a, b).ratio()</c>, step for step: the same Ratcliff/Obershelp matching
/// blocks (longest match first, earliest on ties), the same autojunk rule, over code points as Python sees a string.
/// </summary>
public static class SequenceSimilarity
{
    /// <summary>2·M / (|a| + |b|) where M is the number of code points in difflib's matching blocks; 1.0 for two empty strings.</summary>
    public static double Ratio(string a, string b)
    {
        var x = CodePoints(a);
        var y = CodePoints(b);
        var total = x.Length + y.Length;
        return total == 0 ? 1.0 : 2.0 * MatchingLength(x, y) / total;
    }

    /// <summary>The summed size of difflib's matching blocks of a against b.</summary>
    public static int MatchingLength(int[] a, int[] b)
    {
        var b2j = new Dictionary<int, List<int>>();
        for (var j = 0; j < b.Length; j++)
        {
            if (!b2j.TryGetValue(b[j], out var places)) b2j[b[j]] = places = [];
            places.Add(j);
        }
        // difflib's autojunk: in a b of 200 or more items, an item on more than 1 % + 1 of its positions is "popular"
        // and never starts a match (it may still extend one); shorter sequences have no junk at all.
        if (b.Length >= 200)
        {
            var limit = b.Length / 100 + 1;
            foreach (var popular in b2j.Where(kv => kv.Value.Count > limit).Select(kv => kv.Key).ToList()) b2j.Remove(popular);
        }

        var matched = 0;
        var queue = new Stack<(int ALo, int AHi, int BLo, int BHi)>();
        queue.Push((0, a.Length, 0, b.Length));
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var (i, j, k) = LongestMatch(a, b, b2j, alo, ahi, blo, bhi);
            if (k == 0) continue;
            matched += k;
            if (alo < i && blo < j) queue.Push((alo, i, blo, j));
            if (i + k < ahi && j + k < bhi) queue.Push((i + k, ahi, j + k, bhi));
        }
        return matched;
    }

    private static (int I, int J, int Size) LongestMatch(int[] a, int[] b, Dictionary<int, List<int>> b2j, int alo, int ahi, int blo, int bhi)
    {
        int besti = alo, bestj = blo, bestsize = 0;
        var j2len = new Dictionary<int, int>();
        for (var i = alo; i < ahi; i++)
        {
            var next = new Dictionary<int, int>();
            if (b2j.TryGetValue(a[i], out var places))
                foreach (var j in places)
                {
                    if (j < blo) continue;
                    if (j >= bhi) break;
                    var k = next[j] = j2len.GetValueOrDefault(j - 1) + 1;
                    if (k > bestsize) (besti, bestj, bestsize) = (i - k + 1, j - k + 1, k);
                }
            j2len = next;
        }
        // No junk predicate, so the junk set is empty: every equal neighbour extends the match, popular ones included.
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) bestsize++;
        return (besti, bestj, bestsize);
    }

    private static int[] CodePoints(string s)
    {
        var points = new List<int>(s.Length);
        foreach (var rune in s.EnumerateRunes()) points.Add(rune.Value);
        return points.ToArray();
    }
}
