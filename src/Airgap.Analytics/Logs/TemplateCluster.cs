namespace Airgap.Analytics.Logs;

/// <summary>One group of lines while mining: its template tokens (`&lt;*&gt;` where lines differ) and its tallies.</summary>
internal sealed class TemplateCluster(int id, string[] tokens, long firstSeen, string example)
{
    private string? _text;

    public int Id { get; } = id;
    public string[] Tokens { get; private set; } = tokens;
    public long Count { get; set; }
    public long FirstSeen { get; set; } = firstSeen;
    public long LastSeen { get; set; } = firstSeen;
    public string Example { get; set; } = example;

    /// <summary>The tree branch it lives in, fixed when it is created (its first token may generalise later).</summary>
    public string Branch { get; init; } = "";

    /// <summary>False once merged into another cluster; its id then resolves to the survivor's.</summary>
    public bool Alive { get; set; } = true;

    public string Text => _text ??= string.Join(' ', Tokens);

    public void Generalise(string[] tokens)
    {
        Tokens = tokens;
        _text = null;
    }

    public LogTemplate ToTemplate() => new(Id, Text, Count, FirstSeen, LastSeen, Example);
}
