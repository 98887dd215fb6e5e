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
        var luminance = new List<int>((x1 - x0) * (y1 - y0));
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                luminance.Add(image.Luma(x, y));
        luminance.Sort();
        var background = luminance[luminance.Count / 2];
        var spread = Math.Max(luminance[^1] - background, background - luminance[0]);
        return spread < MinSpread ? null : new InkContrast(image, background, spread * share);
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
