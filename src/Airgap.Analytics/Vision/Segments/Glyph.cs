namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// One cell of a digit row in upright mask pixels: a digit or '-', or null <see cref="Symbol"/> for strokes that
/// are not one (letters, units, icons). <see cref="DotAfter"/> is the ink of a decimal point right of it (0: none).
/// </summary>
internal sealed record Glyph(char? Symbol, double Confidence, int X0, int X1, int Top, int Bottom)
{
    public int DotAfter { get; set; }
}
