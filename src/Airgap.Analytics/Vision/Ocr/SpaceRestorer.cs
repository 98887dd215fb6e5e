namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// Puts back the spaces PP-OCR's recogniser drops on small text ("PressForce", "E-STOPACTIVE"): the line's columns
/// are scanned for ink, and where a run without ink as wide as a word space falls between two characters, a space
/// goes there. Lines the recogniser already wrote spaces in are left alone.
/// </summary>
public static class SpaceRestorer
{
    /// <summary>A gap this share of the line's height or wider is a word space (letters sit far closer).</summary>
    private const float SpaceShare = 0.2f;

    public static OcrText Restore(RgbRaster image, OcrText line)
    {
        // Where the recogniser wrote spaces it saw the spacing; only long runs without any are suspect.
        if (line.Characters.Count < 8 || line.Text.Contains(' ') || MathF.Abs(line.Angle) > 0.05f) return line;
        var gaps = Gaps(image, line.Box);
        if (gaps.Count == 0) return line;
        var characters = new List<OcrCharacter>(line.Characters.Count + gaps.Count);
        for (var i = 0; i < line.Characters.Count; i++)
        {
            var c = line.Characters[i];
            if (i > 0 && c.Text != " " && line.Characters[i - 1].Text != " " && !InsideNumber(line.Characters[i - 1].Text, c.Text)
                && gaps.Any(g => line.Characters[i - 1].X < g && g < c.X))
                characters.Add(new OcrCharacter(" ", (line.Characters[i - 1].X + c.X) / 2, 1));
            characters.Add(c);
        }
        return characters.Count == line.Characters.Count ? line : line with { Text = string.Concat(characters.Select(c => c.Text)), Characters = characters };
    }

    /// <summary>Centres of the ink-free column runs inside the box that are wide enough to be spaces.</summary>
    private static List<float> Gaps(RgbRaster image, PixelBox box)
    {
        int x0 = Math.Clamp((int)box.X0, 0, image.Width - 1), x1 = Math.Clamp((int)MathF.Ceiling(box.X1), x0 + 1, image.Width);
        // The text's core: the detector's box is grown by the unclip ratio, so its margins are background.
        var margin = box.Height * 0.2f;
        int y0 = Math.Clamp((int)(box.Y0 + margin), 0, image.Height - 1), y1 = Math.Clamp((int)(box.Y1 - margin), y0 + 1, image.Height);
        if (InkContrast.Of(image, x0, x1, y0, y1, 0.35) is not { } contrast) return [];
        var runs = new List<(float Center, int Width)>();
        var run = 0;
        var inkSeen = false;
        for (var x = x0; x < x1; x++)
        {
            if (contrast.ColumnHasInk(x, y0, y1))
            {
                if (inkSeen && run > 0) runs.Add((x - run / 2f, run));
                inkSeen = true;
                run = 0;
            }
            else run++;
        }
        if (runs.Count == 0) return [];
        // A word space is wide against the line's own letter gaps (monospace fonts and big digits have wide ones).
        var letterGap = runs.Select(r => r.Width).Order().ElementAt(runs.Count / 2);
        var minimum = Math.Max(SpaceShare * box.Height, 2.5f * letterGap);
        return runs.Where(r => r.Width >= minimum).Select(r => r.Center).ToList();
    }

    /// <summary>No space goes inside a number, a time or a date: between digits and their points, colons, dashes and slashes.</summary>
    private static bool InsideNumber(string before, string after) =>
        NumberPart(before) && NumberPart(after) && (char.IsDigit(before[0]) || char.IsDigit(after[0]));

    private static bool NumberPart(string c) => c.Length == 1 && (char.IsDigit(c[0]) || c is "." or "," or "-" or ":" or "/");
}
