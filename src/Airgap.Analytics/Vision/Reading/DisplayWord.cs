using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>What a word on a display is, for the layout parser.</summary>
public enum WordKind
{
    /// <summary>Letters: part of a label, a message or a header.</summary>
    Text,

    /// <summary>A number, possibly with its unit attached ("61.1°C").</summary>
    Number,

    /// <summary>A unit of measure on its own.</summary>
    Unit,

    /// <summary>A clock time, date, tag or code: never a reading.</summary>
    Other,
}

/// <summary>One word of an OCR line with its own box (from the characters' positions), classified.</summary>
public sealed record DisplayWord(string Text, PixelBox Box, double Confidence, WordKind Kind, int Line)
{
    /// <summary>Slope of its line, in radians.</summary>
    public float Angle { get; init; }

    /// <summary>For a number: the digits as shown (decimal comma kept).</summary>
    public string Shown { get; init; } = "";

    /// <summary>For a number: its value.</summary>
    public double Value { get; init; }

    /// <summary>For a number with a unit attached, or a unit: the canonical unit; otherwise "".</summary>
    public string Unit { get; init; } = "";
}
