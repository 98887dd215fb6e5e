using System.Runtime.InteropServices;

namespace Airgap.Analytics.Logs;

/// <summary>
/// Online, streaming log template miner of the Drain family: masked tokens, clusters keyed by token count and first
/// token, a line joins the most similar cluster above a threshold (the differing positions become `&lt;*&gt;`).
/// A masked line seen before goes straight to its cluster through a signature cache, which keeps the hot path to one
/// dictionary lookup. Ids are stable: when two clusters merge, the younger id resolves to the older one.
/// </summary>
public sealed class TemplateMiner
{
    /// <summary>Share of a template's constant tokens a line must share to join it (one setting for every log).</summary>
    public const double Similarity = 0.5;

    private readonly Dictionary<string, TemplateCluster> _signatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateCluster>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<string, List<TemplateCluster>> _branches = new(StringComparer.Ordinal);
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
        _signatures[key] = cluster;
        Tally(cluster);
        return new TemplateMatch(cluster.Id, cluster.Text);
    }

    /// <summary>The id a template id now answers to (itself, or the template it was merged into).</summary>
    public int Resolve(int id)
    {
        while (_parent[id - 1] != id) id = _parent[id - 1] = _parent[_parent[id - 1] - 1];
        return id;
    }

    /// <summary>Everything needed to resume: clusters (with their branch), the id forest and the signature cache.</summary>
    internal MinerState Capture() => new(
        LineCount,
        _clusters.Select(c => new MinerState.Cluster(c.Id, _parent[c.Id - 1], c.Branch, c.Tokens, c.Count, c.FirstSeen, c.LastSeen, c.Example)).ToArray(),
        _signatures.Select(kv => (kv.Key, kv.Value.Id)).ToArray());

    /// <summary>A miner that continues exactly where the captured one stopped.</summary>
    internal static TemplateMiner Restore(MinerState state)
    {
        var miner = new TemplateMiner { LineCount = state.LineCount };
        foreach (var c in state.Clusters.OrderBy(c => c.Id))
        {
            if (c.Id != miner._clusters.Count + 1) throw new InvalidDataException($"template ids are not 1..n (found {c.Id})");
            var cluster = new TemplateCluster(c.Id, c.Tokens, c.FirstSeen, c.Example)
                { Count = c.Count, LastSeen = c.LastSeen, Branch = c.Branch, Alive = c.Parent == c.Id };
            miner._clusters.Add(cluster);
            miner._parent.Add(c.Parent);
            if (cluster.Alive) (miner._branches.TryGetValue(c.Branch, out var b) ? b : miner._branches[c.Branch] = []).Add(cluster);
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
        var branchKey = BranchKey(tokens);
        ref var branch = ref CollectionsMarshal.GetValueRefOrAddDefault(_branches, branchKey, out _);
        branch ??= [];
        TemplateCluster? best = null;
        var bestScore = -1.0;
        var bestWildcards = -1;
        foreach (var c in branch)
        {
            var (score, wildcards) = Score(c.Tokens, tokens);
            if (score > bestScore || (score == bestScore && wildcards > bestWildcards))
                (best, bestScore, bestWildcards) = (c, score, wildcards);
        }
        if (best is not null && bestScore >= Similarity)
        {
            var merged = MergeTokens(best.Tokens, tokens);
            if (merged is not null) best.Generalise(merged);
            return best;
        }
        var created = new TemplateCluster(_clusters.Count + 1, tokens, LineCount, content.ToString()) { Branch = branchKey };
        _clusters.Add(created);
        _parent.Add(created.Id);
        branch.Add(created);
        return created;
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

    private static string[]? MergeTokens(string[] template, string[] tokens)
    {
        string[]? merged = null;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == tokens[i] || template[i] == LogMasker.Wildcard) continue;
            merged ??= (string[])template.Clone();
            merged[i] = LogMasker.Wildcard;
        }
        return merged;
    }
}
