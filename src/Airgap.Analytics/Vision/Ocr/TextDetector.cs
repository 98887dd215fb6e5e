using Airgap.Inference.Engines.Onnx;

namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// DBNet text detection as PaddleOCR post-processes it: the image is scaled so its long side is
/// <see cref="LongSide"/> (never more than 2× up), the probability map is thresholded at 0.3, each connected region
/// scoring at least 0.6 becomes an oriented rectangle (from its second moments) grown by the unclip ratio 1.5, at most
/// <see cref="MaxRegions"/> of them.
/// </summary>
public sealed class TextDetector(PpOcrModels models)
{
    /// <summary>Long side of the image the detector sees; small panel text needs the detail.</summary>
    public const int LongSide = 1280;

    /// <summary>Most text lines read from one image (a dense alarm list has a few hundred); the most confident are kept.</summary>
    public const int MaxRegions = 1000;

    private const float PixelThreshold = 0.3f;
    private const float RegionThreshold = 0.6f;
    private const float UnclipRatio = 1.5f;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    public IReadOnlyList<TextRegion> Detect(RgbRaster image, CancellationToken cancellationToken = default)
    {
        var scale = Math.Min(2f, LongSide / (float)Math.Max(image.Width, image.Height));
        var width = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var height = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        float sx = image.Width / (float)width, sy = image.Height / (float)height;
        var plane = width * height;
        var chw = new float[3 * plane];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var (b, g, r) = image.SampleBgr((x + 0.5f) * sx - 0.5f, (y + 0.5f) * sy - 0.5f);
            var i = y * width + x;
            chw[i] = (b / 255f - Mean[0]) / Std[0];
            chw[plane + i] = (g / 255f - Mean[1]) / Std[1];
            chw[2 * plane + i] = (r / 255f - Mean[2]) / Std[2];
        }
        cancellationToken.ThrowIfCancellationRequested();
        var probability = models.DetectText(chw, height, width);
        cancellationToken.ThrowIfCancellationRequested();
        return Regions(probability, width, height).OrderByDescending(r => r.Score).Take(MaxRegions).Select(r => r with
        {
            CenterX = r.CenterX * sx, CenterY = r.CenterY * sy,
            Length = r.Length * (MathF.Abs(MathF.Cos(r.Angle)) * sx + MathF.Abs(MathF.Sin(r.Angle)) * sy),
            Thickness = r.Thickness * (MathF.Abs(MathF.Cos(r.Angle)) * sy + MathF.Abs(MathF.Sin(r.Angle)) * sx),
        }).ToList();
    }

    /// <summary>The regions of a probability map, in its own pixels.</summary>
    internal static List<TextRegion> Regions(float[] probability, int width, int height)
    {
        var label = new int[probability.Length];
        var regions = new List<TextRegion>();
        var stack = new Stack<int>();
        var pixels = new List<int>();
        for (var start = 0; start < probability.Length; start++)
        {
            if (label[start] != 0 || probability[start] <= PixelThreshold) continue;
            pixels.Clear();
            label[start] = 1;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                pixels.Add(p);
                int x = p % width, y = p / width;
                if (x > 0) Visit(p - 1);
                if (x < width - 1) Visit(p + 1);
                if (y > 0) Visit(p - width);
                if (y < height - 1) Visit(p + width);
            }
            if (pixels.Count >= 6 && Region(pixels, probability, width) is { } region) regions.Add(region);
        }
        return regions;

        void Visit(int q)
        {
            if (label[q] != 0 || probability[q] <= PixelThreshold) return;
            label[q] = 1;
            stack.Push(q);
        }
    }

    private static TextRegion? Region(List<int> pixels, float[] probability, int width)
    {
        double sumX = 0, sumY = 0, score = 0;
        foreach (var p in pixels)
        {
            sumX += p % width;
            sumY += p / width;
            score += probability[p];
        }
        score /= pixels.Count;
        if (score < RegionThreshold) return null;
        double mx = sumX / pixels.Count, my = sumY / pixels.Count, xx = 0, yy = 0, xy = 0;
        foreach (var p in pixels)
        {
            double dx = p % width - mx, dy = p / width - my;
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        var angle = 0.5 * Math.Atan2(2 * xy, xx - yy);
        // Text lines are never read upright here: a region taller than wide keeps the horizontal reading direction.
        if (Math.Abs(angle) > Math.PI / 4) angle = 0;
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double uMin = double.MaxValue, uMax = double.MinValue, vMin = double.MaxValue, vMax = double.MinValue;
        foreach (var p in pixels)
        {
            double dx = p % width - mx, dy = p / width - my;
            double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
            uMin = Math.Min(uMin, u); uMax = Math.Max(uMax, u);
            vMin = Math.Min(vMin, v); vMax = Math.Max(vMax, v);
        }
        double length = uMax - uMin + 1, thickness = vMax - vMin + 1;
        if (Math.Min(length, thickness) < 3) return null;
        var grow = length * thickness * UnclipRatio / (2 * (length + thickness));
        double cu = (uMin + uMax) / 2, cv = (vMin + vMax) / 2;
        return new TextRegion((float)(mx + cu * cos - cv * sin), (float)(my + cu * sin + cv * cos),
            (float)(length + 2 * grow), (float)(thickness + 2 * grow), (float)angle, (float)score);
    }
}
