using System.Globalization;
using System.Text;

namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Turns a row of glyphs into the number it shows: the longest run of decoded glyphs (letters and units around it
/// are dropped), a minus only in front, at most one decimal point (the strongest) and only between digits.
/// </summary>
internal static class ShownDigits
{
    /// <summary>What the row shows, its number, confidence and the glyphs it spans; null when no digit was read.</summary>
    public static (string Shown, double Value, double Confidence, int First, int Last)? Assemble(List<Glyph> glyphs)
    {
        int bestFirst = -1, bestLast = -1, bestDigits = 0;
        var first = 0;
        while (first < glyphs.Count)
        {
            if (glyphs[first].Symbol is null)
            {
                first++;
                continue;
            }
            var last = first;
            while (last + 1 < glyphs.Count && glyphs[last + 1].Symbol is char next && next != '-') last++;
            var digits = 0;
            for (var i = first; i <= last; i++) if (glyphs[i].Symbol != '-') digits++;
            if (digits > bestDigits)
                (bestFirst, bestLast, bestDigits) = (first, last, digits);
            first = last + 1;
        }
        if (bestDigits == 0) return null;
        var point = -1;
        for (var i = bestFirst; i < bestLast; i++)
            if (glyphs[i].Symbol != '-' && glyphs[i].DotAfter > 0 && (point < 0 || glyphs[i].DotAfter > glyphs[point].DotAfter))
                point = i;
        var shown = new StringBuilder();
        double sum = 0, min = 1;
        for (var i = bestFirst; i <= bestLast; i++)
        {
            shown.Append(glyphs[i].Symbol);
            if (i == point) shown.Append('.');
            sum += glyphs[i].Confidence;
            min = Math.Min(min, glyphs[i].Confidence);
        }
        var count = bestLast - bestFirst + 1;
        var rejected = glyphs.Count - count;
        var confidence = (0.5 * sum / count + 0.5 * min) * count / (count + 0.35 * rejected);
        var text = shown.ToString();
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return null;
        return (text, value, confidence, bestFirst, bestLast);
    }
}
