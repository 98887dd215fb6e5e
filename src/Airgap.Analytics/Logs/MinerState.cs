namespace Airgap.Analytics.Logs;

/// <summary>A miner's whole state, as <see cref="TemplateStore"/> saves and reloads it.</summary>
internal sealed record MinerState(long LineCount, IReadOnlyList<MinerState.Cluster> Clusters, IReadOnlyList<(string Signature, int Id)> Signatures)
{
    /// <summary>One cluster; <paramref name="Parent"/> is its own id unless it was merged into another.</summary>
    public sealed record Cluster(int Id, int Parent, string Branch, string[] Tokens, long Count, long FirstSeen, long LastSeen, string Example);
}
