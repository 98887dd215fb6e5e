namespace Airgap.Inference.Grammar;

/// <summary>
/// GBNF for a set of literal texts, factored by shared prefixes. llama.cpp keeps one parse stack per live
/// alternative and checks every candidate token against each on every step, so a flat list of a thousand values
/// costs a thousand stacks per token; a prefix tree keeps only as many as there are distinct next characters.
/// </summary>
internal static class EnumTrie
{
    private sealed class Node
    {
        public SortedDictionary<char, Node> Next { get; } = [];
        public bool Ends { get; set; }
    }

    /// <summary>An expression matching exactly <paramref name="texts"/>; <paramref name="rule"/> names each branching point.</summary>
    public static string Expression(IEnumerable<string> texts, Func<string, string> rule)
    {
        var root = new Node();
        foreach (var text in texts)
        {
            var node = root;
            foreach (var c in text)
            {
                if (!node.Next.TryGetValue(c, out var next)) node.Next[c] = next = new Node();
                node = next;
            }
            node.Ends = true;
        }
        return Branches(root, rule);
    }

    // The alternatives after a node: each a literal run up to the next branching point, then that point's rule.
    private static string Branches(Node node, Func<string, string> rule)
    {
        var alternatives = node.Next.Select(pair => Run(pair.Key, pair.Value, rule)).ToList();
        var body = string.Join(" | ", alternatives);
        if (!node.Ends) return body;
        return alternatives.Count == 0 ? "\"\"" : $"({body})?";
    }

    private static string Run(char first, Node node, Func<string, string> rule)
    {
        var literal = new System.Text.StringBuilder().Append(first);
        while (!node.Ends && node.Next.Count == 1)
        {
            var (c, next) = node.Next.First();
            literal.Append(c);
            node = next;
        }
        var head = GbnfLiteral.Quoted(literal.ToString());
        if (node.Next.Count == 0) return head;
        // A rule per branching point: nesting groups inline would let long values nest the grammar arbitrarily deep.
        return $"{head} {rule(Branches(node, rule))}";
    }
}
