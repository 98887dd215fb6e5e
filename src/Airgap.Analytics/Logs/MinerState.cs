namespace Airgap.Analytics.Logs;

/// <summary>A miner's whole state, as <see cref="TemplateStore"/> saves and reloads it.</summary>
internal sealed record MinerState(long LineCount, IReadOnlyList<MinerState.Family> Families, IReadOnlyList<MinerState.Cluster> Clusters,
    IReadOnlyList<(string Signature, int Id)> Signatures)
{
    /// <summary>One family: its shape and, per differing position, the words seen there (null: a variable).</summary>
    public sealed record Family(int Index, string Branch, string[] Tokens, IReadOnlyList<(int Position, string[]? Values)> Differing);

    /// <summary>One template; <paramref name="Parent"/> is its own id unless it was merged into another.</summary>
    public sealed record Cluster(int Id, int Parent, int Family, string[] Tokens, long Count, long FirstSeen, long LastSeen, string Example);
}
