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
        var luminance = new List<int>((x1 - x0) * (y1 - y0));
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                luminance.Add(Luma(image.Pixels[y * image.Width + x]));
        luminance.Sort();
        var background = luminance[luminance.Count / 2];
        var spread = Math.Max(Math.Abs(luminance[^1] - background), Math.Abs(background - luminance[0]));
        if (spread < 40) return [];
        var threshold = spread * 0.35;
        var runs = new List<(float Center, int Width)>();
        int run = 0, firstInk = -1;
        for (var x = x0; x < x1; x++)
        {
            var ink = false;
            for (var y = y0; y < y1 && !ink; y++) ink = Math.Abs(Luma(image.Pixels[y * image.Width + x]) - background) > threshold;
            if (ink)
            {
                if (firstInk >= 0 && run > 0) runs.Add((x - run / 2f, run));
                if (firstInk < 0) firstInk = x;
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

    private static int Luma(SixLabors.ImageSharp.PixelFormats.Rgb24 p) => (p.R * 299 + p.G * 587 + p.B * 114) / 1000;
}
