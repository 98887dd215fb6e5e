namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// What counts as ink inside a rectangle of an image: a pixel whose brightness differs from the rectangle's median (its
/// background: text covers less than half of it) by more than a share of the widest difference there.
/// </summary>
internal readonly record struct InkContrast(RgbRaster Image, int Background, double Threshold)
{
    /// <summary>Less difference than this between background and the darkest or brightest pixel is no ink at all.</summary>
    private const int MinSpread = 40;

    /// <summary>The contrast of columns <paramref name="x0"/>..<paramref name="x1"/>, rows <paramref name="y0"/>..<paramref name="y1"/> (ends exclusive); null when it holds no ink.</summary>
    public static InkContrast? Of(RgbRaster image, int x0, int x1, int y0, int y1, double share)
    {
        var (_, background, spread) = Measure(image, x0, x1, y0, y1);
        return Plain(image, background, spread, share);
    }

    /// <summary>
    /// As <see cref="Of"/>, for faint small text (a grey unit beside bright digits, a blurred photo): the bar is also
    /// set from the background's own noise, so one strong stroke in the rectangle does not hide weaker ones, and a
    /// rectangle whose widest difference stands well clear of that noise holds ink even under <see cref="MinSpread"/>.
    /// Whatever <see cref="Of"/> counts as ink, this does too.
    /// </summary>
    public static InkContrast? Faint(RgbRaster image, int x0, int x1, int y0, int y1, double share)
    {
        var (luminance, background, spread) = Measure(image, x0, x1, y0, y1);
        var deviations = luminance.Select(l => Math.Abs(l - background)).Order().ToList();
        var noise = deviations[deviations.Count / 2];
        // A noisy rectangle (half of it a bright bezel, say) is no place to look for faint ink: what is ink there is
        // what Of finds.
        if (spread < Math.Max(MinFaintSpread, 6 * noise)) return Plain(image, background, spread, share);
        return new InkContrast(image, background, Math.Min(spread * share, Math.Max(MinFaintSpread / 2, 5 * noise)));
    }

    /// <summary>The least difference from the background that can be faint ink, whatever the noise.</summary>
    private const int MinFaintSpread = 24;

    private static InkContrast? Plain(RgbRaster image, int background, int spread, double share) =>
        spread < MinSpread ? null : new InkContrast(image, background, spread * share);

    private static (List<int> Luminance, int Background, int Spread) Measure(RgbRaster image, int x0, int x1, int y0, int y1)
    {
        var luminance = new List<int>((x1 - x0) * (y1 - y0));
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                luminance.Add(image.Luma(x, y));
        luminance.Sort();
        var background = luminance[luminance.Count / 2];
        return (luminance, background, Math.Max(luminance[^1] - background, background - luminance[0]));
    }

    public bool IsInk(int x, int y) => Math.Abs(Image.Luma(x, y) - Background) > Threshold;

    /// <summary>True when any pixel of column <paramref name="x"/> between rows <paramref name="y0"/> and <paramref name="y1"/> is ink.</summary>
    public bool ColumnHasInk(int x, int y0, int y1)
    {
        for (var y = y0; y < y1; y++)
            if (IsInk(x, y)) return true;
        return false;
    }
}
