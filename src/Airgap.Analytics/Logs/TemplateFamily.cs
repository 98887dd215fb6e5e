namespace Airgap.Analytics.Logs;

/// <summary>
/// Lines of one shape (the Drain cluster): its tokens, with `&lt;*&gt;` where its lines differ, and its templates. A
/// position where constant words began to differ keeps the distinct words seen there until they are more than
/// <see cref="TemplateMiner.ConstantValues"/>: until then each word names a template of its own ("Link error",
/// "Link ok"); beyond it, or once a masked value shows up there, the position is a variable.
/// </summary>
internal sealed class TemplateFamily(int index, string branch, string[] tokens)
{
    public int Index { get; } = index;

    /// <summary>The tree branch it lives in, fixed when it is created.</summary>
    public string Branch { get; } = branch;

    public string[] Tokens { get; } = tokens;

    /// <summary>Positions that differ: the distinct words seen there, or null once the position is a variable.</summary>
    public SortedDictionary<int, HashSet<string>?> Differing { get; } = [];

    /// <summary>The family's live templates by their text.</summary>
    public Dictionary<string, TemplateCluster> Templates { get; } = new(StringComparer.Ordinal);
}
