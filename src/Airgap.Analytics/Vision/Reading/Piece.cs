using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>What a run of words on one line is to the layout parser.</summary>
public enum PieceKind
{
    /// <summary>Words that can name a reading.</summary>
    Label,

    /// <summary>A number that can be a reading.</summary>
    Value,

    /// <summary>A unit on its own, waiting for its number.</summary>
    Unit,

    /// <summary>Scale ticks, axis labels, clocks, dates, tags, numbers inside messages: never a reading or a label.</summary>
    Ignored,

    /// <summary>An active warning's text.</summary>
    Warning,
}

/// <summary>A run of words on one OCR line: a label, a value (with what is attached inline), a unit or something ignored.</summary>
public sealed class Piece(PieceKind kind, string text, PixelBox box, double confidence, int line)
{
    public PieceKind Kind { get; set; } = kind;
    public string Text { get; } = text;
    public PixelBox Box { get; set; } = box;
    public double Confidence { get; set; } = confidence;
    public int Line { get; } = line;

    /// <summary>Every word the piece was made of, as read (a value's inline label and unit included).</summary>
    public string Raw { get; init; } = text;

    /// <summary>Slope of the text line it came from, in radians (photos taken at an angle).</summary>
    public float Angle { get; init; }

    /// <summary>For a value: the digits as shown and the number.</summary>
    public string Shown { get; init; } = "";
    public double Value { get; init; }

    /// <summary>For a value or unit: the canonical unit, "" when none yet.</summary>
    public string Unit { get; set; } = "";

    /// <summary>For a value: its label, "" when none yet, and how it was found (inline, left, above).</summary>
    public string Label { get; set; } = "";
    public string LabelFrom { get; set; } = "";

    /// <summary>For a value with an inline label: where that label is.</summary>
    public PixelBox? LabelBox { get; set; }

    /// <summary>For a label or unit: already given to a value.</summary>
    public bool Used { get; set; }

    /// <summary>The median height of the pieces' boxes: the screen's usual text size (0 when there are none).</summary>
    public static float MedianHeight(IReadOnlyList<Piece> pieces) =>
        pieces.Count == 0 ? 0 : pieces.Select(p => p.Box.Height).Order().ElementAt(pieces.Count / 2);
}
