using System.Runtime.InteropServices;

namespace Airgap.Analytics.Logs;

/// <summary>
/// Online, streaming log template miner of the Drain family. Lines are masked (numbers, addresses, ids, paths,
/// durations become `&lt;*&gt;`), then grouped by shape: families keyed by token count and first token, a line joins
/// the most similar family above a threshold. Within a family, words that differ at a position stay constants while
/// few distinct words are seen there ("Link error" and "Link ok" are two events), and become a variable when there
/// are many ("Invalid user admin", "… oracle", "… guest", …): the templates that differed only there then merge, the
/// younger id resolving to the older. A masked line seen before goes straight to its template through a bounded
/// signature cache, which keeps the hot path to one dictionary lookup.
/// </summary>
public sealed class TemplateMiner
{
    /// <summary>Share of a family's constant tokens a line must share to join it (one setting for every log).</summary>
    public const double Similarity = 0.5;

    /// <summary>Distinct words a position may show and still be constants; one more and it is a variable.</summary>
    public const int ConstantValues = 4;

    /// <summary>Masked lines remembered for the fast path; beyond it new shapes go through the tree (results are the same).</summary>
    public const int MaxSignatures = 200_000;

    private readonly Dictionary<string, TemplateCluster> _signatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateCluster>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<string, List<TemplateFamily>> _branches = new(StringComparer.Ordinal);
    private readonly List<TemplateFamily> _families = [];
    private readonly List<TemplateCluster> _clusters = []; // index = id - 1
    private readonly List<int> _parent = []; // union-find over ids, index = id - 1
    private char[] _buffer = new char[1024];

    /// <summary>An empty miner.</summary>
    public TemplateMiner() => _bySpan = _signatures.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Lines mined so far (the next line's number is this plus one).</summary>
    public long LineCount { get; private set; }

    /// <summary>The current templates (merged ones folded into their survivor), by id.</summary>
    public IReadOnlyList<LogTemplate> Templates => _clusters.Where(c => c.Alive).Select(c => c.ToTemplate()).ToArray();

    /// <summary>Mines one message (the content part of a line); returns its template's id and current text.</summary>
    public TemplateMatch Add(string content) => Add(content.AsSpan());

    /// <summary>Mines one message given as a span; allocates nothing when its masked form was seen before.</summary>
    public TemplateMatch Add(ReadOnlySpan<char> content)
    {
        LineCount++;
        var length = LogMasker.Mask(content, ref _buffer);
        var signature = _buffer.AsSpan(0, length);
        if (_bySpan.TryGetValue(signature, out var known))
        {
            var live = Live(known);
            Tally(live);
            return new TemplateMatch(live.Id, live.Text);
        }
        var key = signature.ToString();
        var tokens = key.Length == 0 ? [] : key.Split(' ');
        var cluster = Place(tokens, content);
        if (_signatures.Count < MaxSignatures) _signatures[key] = cluster;
        Tally(cluster);
        return new TemplateMatch(cluster.Id, cluster.Text);
    }

    /// <summary>The id a template id now answers to (itself, or the template it was merged into).</summary>
    public int Resolve(int id)
    {
        while (_parent[id - 1] != id) id = _parent[id - 1] = _parent[_parent[id - 1] - 1];
        return id;
    }

    /// <summary>Everything needed to resume: families, templates (with the id forest) and the signature cache.</summary>
    internal MinerState Capture() => new(
        LineCount,
        _families.Select(f => new MinerState.Family(f.Index, f.Branch, f.Tokens, f.Differing.Select(d => (d.Key, d.Value?.Order(StringComparer.Ordinal).ToArray())).ToArray())).ToArray(),
        _clusters.Select(c => new MinerState.Cluster(c.Id, _parent[c.Id - 1], c.Family.Index, c.Tokens, c.Count, c.FirstSeen, c.LastSeen, c.Example)).ToArray(),
        _signatures.Select(kv => (kv.Key, kv.Value.Id)).ToArray());

    /// <summary>A miner that continues exactly where the captured one stopped.</summary>
    internal static TemplateMiner Restore(MinerState state)
    {
        var miner = new TemplateMiner { LineCount = state.LineCount };
        foreach (var f in state.Families.OrderBy(f => f.Index))
        {
            if (f.Index != miner._families.Count) throw new InvalidDataException($"template families are not 0..n (found {f.Index})");
            var family = new TemplateFamily(f.Index, f.Branch, f.Tokens);
            foreach (var (position, values) in f.Differing)
            {
                if (position < 0 || position >= f.Tokens.Length) throw new InvalidDataException($"family {f.Index} differs at position {position}, past its end");
                family.Differing[position] = values is null ? null : new HashSet<string>(values, StringComparer.Ordinal);
            }
            miner._families.Add(family);
            (miner._branches.TryGetValue(f.Branch, out var b) ? b : miner._branches[f.Branch] = []).Add(family);
        }
        foreach (var c in state.Clusters.OrderBy(c => c.Id))
        {
            if (c.Id != miner._clusters.Count + 1) throw new InvalidDataException($"template ids are not 1..n (found {c.Id})");
            if (c.Family < 0 || c.Family >= miner._families.Count) throw new InvalidDataException($"template {c.Id} belongs to a family that does not exist");
            var family = miner._families[c.Family];
            var cluster = new TemplateCluster(c.Id, family, c.Tokens, c.FirstSeen, c.Example) { Count = c.Count, LastSeen = c.LastSeen, Alive = c.Parent == c.Id };
            miner._clusters.Add(cluster);
            miner._parent.Add(c.Parent);
            if (cluster.Alive) family.Templates[cluster.Text] = cluster;
        }
        if (miner._parent.Any(p => p < 1 || p > miner._clusters.Count)) throw new InvalidDataException("a template is merged into one that does not exist");
        foreach (var (signature, id) in state.Signatures)
        {
            if (id < 1 || id > miner._clusters.Count) throw new InvalidDataException($"a signature points at template {id}, which does not exist");
            miner._signatures[signature] = miner._clusters[id - 1];
        }
        return miner;
    }

    private TemplateCluster Live(TemplateCluster c) => c.Alive ? c : _clusters[Resolve(c.Id) - 1];

    private void Tally(TemplateCluster c)
    {
        c.Count++;
        c.LastSeen = LineCount;
    }

    private TemplateCluster Place(string[] tokens, ReadOnlySpan<char> content)
    {
        var family = BestFamily(tokens) ?? NewFamily(tokens);
        Generalise(family, tokens);
        var own = (string[])family.Tokens.Clone();
        foreach (var (position, values) in family.Differing)
            if (values is not null) own[position] = tokens[position];
        var text = string.Join(' ', own);
        if (family.Templates.TryGetValue(text, out var existing)) return existing;
        var created = new TemplateCluster(_clusters.Count + 1, family, own, LineCount, content.ToString());
        _clusters.Add(created);
        _parent.Add(created.Id);
        family.Templates[text] = created;
        return created;
    }

    private TemplateFamily? BestFamily(string[] tokens)
    {
        if (!_branches.TryGetValue(BranchKey(tokens), out var branch)) return null;
        TemplateFamily? best = null;
        var bestScore = -1.0;
        var bestWildcards = -1;
        foreach (var f in branch)
        {
            var (score, wildcards) = Score(f.Tokens, tokens);
            if (score > bestScore || (score == bestScore && wildcards > bestWildcards))
                (best, bestScore, bestWildcards) = (f, score, wildcards);
        }
        return bestScore >= Similarity ? best : null;
    }

    private TemplateFamily NewFamily(string[] tokens)
    {
        var key = BranchKey(tokens);
        var family = new TemplateFamily(_families.Count, key, (string[])tokens.Clone());
        _families.Add(family);
        ref var branch = ref CollectionsMarshal.GetValueRefOrAddDefault(_branches, key, out _);
        (branch ??= []).Add(family);
        return family;
    }

    // Where the line differs from its family: a constant starts to differ (its words tracked), a tracked position
    // gains a word, or a position becomes a variable (too many words, or a masked value there).
    private void Generalise(TemplateFamily family, string[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var had = family.Tokens[i];
            var token = tokens[i];
            if (had == token && !family.Differing.ContainsKey(i)) continue;
            if (had != LogMasker.Wildcard)
            {
                family.Tokens[i] = LogMasker.Wildcard;
                family.Differing[i] = new HashSet<string>(StringComparer.Ordinal) { had };
            }
            if (!family.Differing.TryGetValue(i, out var values) || values is null) continue;
            values.Add(token);
            if (token.Contains(LogMasker.Wildcard) || values.Count > ConstantValues) MakeVariable(family, i);
        }
    }

    private void MakeVariable(TemplateFamily family, int position)
    {
        family.Differing[position] = null;
        var templates = family.Templates.Values.OrderBy(t => t.Id).ToList();
        family.Templates.Clear();
        foreach (var t in templates)
        {
            var tokens = (string[])t.Tokens.Clone();
            tokens[position] = LogMasker.Wildcard;
            t.Generalise(tokens);
            if (family.Templates.TryGetValue(t.Text, out var older))
            {
                older.Absorb(t);
                _parent[t.Id - 1] = older.Id;
            }
            else family.Templates[t.Text] = t;
        }
    }

    private static string BranchKey(string[] tokens) =>
        tokens.Length == 0 ? "0" : $"{tokens.Length}\u0001{(tokens[0].Contains(LogMasker.Wildcard) ? LogMasker.Wildcard : tokens[0])}";

    // Drain's similarity: equal tokens over length; wildcards in the template count apart, to break ties.
    private static (double Score, int Wildcards) Score(string[] template, string[] tokens)
    {
        var same = 0;
        var wildcards = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == LogMasker.Wildcard) wildcards++;
            else if (template[i] == tokens[i]) same++;
        }
        return ((double)same / Math.Max(1, template.Length), wildcards);
    }
}
