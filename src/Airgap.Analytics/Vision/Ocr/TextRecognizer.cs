using Airgap.Inference.Engines.Onnx;

namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// Reads detected lines with PP-OCR's recogniser: each oriented rectangle is resampled straight into a 48-pixel-high
/// crop (rotation and scaling in one bilinear pass), crops of similar length are batched, padded with zeros after
/// normalisation as PaddleOCR does, and decoded; each character keeps its horizontal position in the image.
/// </summary>
public sealed class TextRecognizer(PpOcrModels models)
{
    private const int BatchSize = 8;
    private const int MaxWidth = 1600;

    /// <summary>The narrowest crop and batch: one time step of the recogniser.</summary>
    public const int MinWidth = 8;

    /// <summary>
    /// The width PaddleOCR pads every batch to at least (its training width): on fewer time steps the recogniser reads a
    /// short crop on its own ("°C", "%") as nothing.
    /// </summary>
    public const int PaddedWidth = 320;
    private const int H = PpOcrModels.LineHeight;

    /// <summary>Reads each region; batches narrower than <paramref name="minWidth"/> are padded to it.</summary>
    public IReadOnlyList<OcrText> Recognize(RgbRaster image, IReadOnlyList<TextRegion> regions, CancellationToken cancellationToken = default, int minWidth = MinWidth)
    {
        var widths = regions.Select(r => Math.Clamp((int)MathF.Ceiling(H * r.Length / MathF.Max(1, r.Thickness)), MinWidth, MaxWidth)).ToArray();
        var order = Enumerable.Range(0, regions.Count).OrderBy(i => widths[i]).ToArray();
        var read = new OcrText?[regions.Count];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var width = Math.Max(minWidth, (widths[batch[^1]] + 7) / 8 * 8);
            var plane = H * width;
            var nchw = new float[batch.Length * 3 * plane];
            for (var n = 0; n < batch.Length; n++) Resample(image, regions[batch[n]], widths[batch[n]], width, nchw.AsSpan(n * 3 * plane, 3 * plane));
            var lines = models.RecognizeLines(nchw, batch.Length, width);
            for (var n = 0; n < batch.Length; n++) read[batch[n]] = Place(image, regions[batch[n]], lines[n], widths[batch[n]] / (float)width);
        }
        return read.Where(t => t is { Text.Length: > 0 }).Select(t => t!).ToList();
    }

    private static void Resample(RgbRaster image, TextRegion region, int cropWidth, int width, Span<float> chw)
    {
        float cos = MathF.Cos(region.Angle), sin = MathF.Sin(region.Angle);
        var plane = H * width;
        for (var y = 0; y < H; y++)
        {
            var v = ((y + 0.5f) / H - 0.5f) * region.Thickness;
            for (var x = 0; x < cropWidth; x++)
            {
                var u = ((x + 0.5f) / cropWidth - 0.5f) * region.Length;
                var (b, g, r) = image.SampleBgr(region.CenterX + u * cos - v * sin, region.CenterY + u * sin + v * cos);
                var i = y * width + x;
                chw[i] = b / 127.5f - 1;
                chw[plane + i] = g / 127.5f - 1;
                chw[2 * plane + i] = r / 127.5f - 1;
            }
        }
    }

    /// <summary>The line with each character's x in the image, from the time step it was emitted at.</summary>
    private static OcrText Place(RgbRaster image, TextRegion region, RecognizedLine line, float usedShare)
    {
        var bounds = region.Bounds.Within(image.Width, image.Height);
        var characters = line.Characters.Select(c =>
        {
            var along = (c.Step + 0.5f) / line.Steps / usedShare;
            var x = region.CenterX + (along - 0.5f) * region.Length * MathF.Cos(region.Angle);
            return new OcrCharacter(c.Text, Math.Clamp(x, bounds.X0, bounds.X1), c.Probability);
        }).ToList();
        return new OcrText(line.Text, bounds, line.Confidence, characters) { Angle = region.Angle, Thickness = region.Thickness };
    }
}
