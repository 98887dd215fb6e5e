namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Reads one upright digit cell by sampling its seven segment zones: a bar is lit when one straight row (a, g, d)
/// or column (b, c, e, f) through its zone is mostly ink. Unlit ghosts were thresholded away before, so an unlit
/// zone is empty. Ink in the two windows of the "8" means the strokes are not seven-segment (letters, icons).
/// </summary>
internal static class SegmentDecoder
{
    private const int A = 1, B = 2, C = 4, D = 8, E = 16, F = 32, G = 64;
    private const double LitFill = 0.62, DarkFill = 0.3;

    private static readonly (int Pattern, char Symbol)[] Patterns =
    [
        (A | B | C | D | E | F, '0'), (B | C, '1'), (E | F, '1'), (A | B | D | E | G, '2'), (A | B | C | D | G, '3'),
        (B | C | F | G, '4'), (A | C | D | F | G, '5'), (A | C | D | E | F | G, '6'), (C | D | E | F | G, '6'),
        (A | B | C, '7'), (A | B | C | F, '7'), (A | B | C | D | E | F | G, '8'), (A | B | C | D | F | G, '9'),
        (A | B | C | F | G, '9'),
    ];

    /// <summary>The digit in columns [x0, x1], rows [top, bottom] of the mask and how sure, or null when no digit fits.</summary>
    public static (char Symbol, double Confidence)? Decode(UprightMask mask, int x0, int x1, int top, int bottom)
    {
        double w = x1 - x0 + 1, h = bottom - top + 1;
        int X(double f) => x0 + (int)Math.Round(f * (w - 1));
        int Y(double f) => top + (int)Math.Round(f * (h - 1));
        Span<double> score =
        [
            mask.BestRowFill(X(0.3), X(0.7), Y(0), Y(0.25)),
            mask.BestColumnFill(X(0.62), X(1), Y(0.14), Y(0.4)),
            mask.BestColumnFill(X(0.62), X(1), Y(0.6), Y(0.86)),
            mask.BestRowFill(X(0.3), X(0.7), Y(0.75), Y(1)),
            mask.BestColumnFill(X(0), X(0.38), Y(0.6), Y(0.86)),
            mask.BestColumnFill(X(0), X(0.38), Y(0.14), Y(0.4)),
            mask.BestRowFill(X(0.3), X(0.7), Y(0.36), Y(0.64)),
        ];
        var holes = HoleShare(mask, X(0.36), X(0.64), Y(0.23), Y(0.35)) + HoleShare(mask, X(0.36), X(0.64), Y(0.65), Y(0.77));
        if (holes > 0.5) return null;
        var bestCost = double.MaxValue;
        var symbol = '?';
        foreach (var (pattern, candidate) in Patterns)
        {
            var cost = 0.0;
            for (var s = 0; s < 7; s++)
                cost += (pattern & (1 << s)) != 0 ? Math.Max(0, LitFill - score[s]) : Math.Max(0, score[s] - DarkFill);
            if (cost < bestCost)
            {
                bestCost = cost;
                symbol = candidate;
            }
        }
        var confidence = Math.Clamp(1 - bestCost / 0.45, 0, 1) * Math.Clamp(1 - holes, 0, 1);
        return confidence < 0.25 ? null : (symbol, confidence);
    }

    /// <summary>Whether a narrow cell is a "1": one straight stroke through both its upper and lower halves.</summary>
    public static (char Symbol, double Confidence)? DecodeOne(UprightMask mask, int x0, int x1, int top, int bottom)
    {
        var h = bottom - top + 1;
        var upper = mask.BestColumnFill(x0, x1, top + (int)(0.1 * h), top + (int)(0.42 * h));
        var lower = mask.BestColumnFill(x0, x1, top + (int)(0.58 * h), top + (int)(0.9 * h));
        var confidence = Math.Clamp((Math.Min(upper, lower) - 0.45) / 0.4, 0, 1);
        return confidence < 0.25 ? null : ('1', confidence);
    }

    private static double HoleShare(UprightMask mask, int x0, int x1, int y0, int y1)
    {
        var area = (x1 - x0 + 1) * (y1 - y0 + 1);
        return area <= 0 ? 0 : mask.Count(x0, x1, y0, y1) / (double)area;
    }
}
