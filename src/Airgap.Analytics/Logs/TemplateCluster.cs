namespace Airgap.Analytics.Logs;

/// <summary>One template while mining: its tokens (`&lt;*&gt;` for the variables), its family and its tallies.</summary>
internal sealed class TemplateCluster(int id, TemplateFamily family, string[] tokens, long firstSeen, string example)
{
    private string? _text;

    public int Id { get; } = id;
    public TemplateFamily Family { get; } = family;
    public string[] Tokens { get; private set; } = tokens;
    public long Count { get; set; }
    public long FirstSeen { get; set; } = firstSeen;
    public long LastSeen { get; set; } = firstSeen;
    public string Example { get; set; } = example;

    /// <summary>False once merged into another template; its id then resolves to the survivor's.</summary>
    public bool Alive { get; set; } = true;

    public string Text => _text ??= string.Join(' ', Tokens);

    public void Generalise(string[] tokens)
    {
        Tokens = tokens;
        _text = null;
    }

    /// <summary>Takes in the lines of <paramref name="younger"/>, a template that has become the same as this one.</summary>
    public void Absorb(TemplateCluster younger)
    {
        Count += younger.Count;
        LastSeen = Math.Max(LastSeen, younger.LastSeen);
        if (younger.FirstSeen < FirstSeen) (FirstSeen, Example) = (younger.FirstSeen, younger.Example);
        younger.Alive = false;
    }

    public LogTemplate ToTemplate() => new(Id, Text, Count, FirstSeen, LastSeen, Example);
}
