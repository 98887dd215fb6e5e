namespace Airgap.Analytics.Logs;

/// <summary>One step of a compiled log format; each step links to the one after it, an optional group to its body too.</summary>
internal sealed class FormatElement
{
    public FormatElementKind Kind { get; init; }

    /// <summary>The literal text (Literal only).</summary>
    public string Literal { get; init; } = "";

    /// <summary>The field's name (Field only).</summary>
    public string Name { get; init; } = "";

    /// <summary>Where the field's range goes in the caller's span; Content goes last.</summary>
    public int Slot { get; set; }

    /// <summary>First step of an optional group's body; the body's last step links to this group's Next.</summary>
    public FormatElement? Body { get; set; }

    /// <summary>Slots of the fields inside an optional group, cleared when the group is skipped.</summary>
    public int[] BodySlots { get; set; } = [];

    /// <summary>An optional group that must match (written without '?').</summary>
    public bool Required { get; set; }

    public FormatElement? Next { get; set; }
}

/// <summary>What a format step matches.</summary>
internal enum FormatElementKind
{
    Literal,
    Whitespace,
    Field,
    Optional,
    GroupExit,
    End,
}
