using Airgap.Inference.Vision;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Airgap.Analytics.Vision;

/// <summary>
/// An uploaded image turned into a model input, safely: its header is read first and an image of more than
/// <see cref="MaxPixels"/> is refused before a pixel is decoded (an image bomb costs nothing); what is not an image,
/// or is truncated, is an <see cref="ImageRefusedException"/>. Decoding is managed code, never native.
/// </summary>
public static class ImageTensor
{
    /// <summary>Largest image decoded (40 megapixels: a 7,680 × 5,200 photo).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Largest upload read, in bytes.</summary>
    public const int MaxBytes = 32 << 20;

    /// <summary>RGB in [0, 1], channels first, letterboxed into <paramref name="width"/>×<paramref name="height"/> on grey (114), as YOLOv8 was trained.</summary>
    public static (float[] Data, Letterbox Letterbox) Letterboxed(byte[] image, int width, int height)
    {
        using var decoded = Decode(image);
        var box = Letterbox.Fit(decoded.Width, decoded.Height, width, height);
        var w = Math.Max(1, (int)Math.Round(decoded.Width * box.Scale));
        var h = Math.Max(1, (int)Math.Round(decoded.Height * box.Scale));
        decoded.Mutate(x => x.Resize(w, h));
        using var canvas = new Image<Rgb24>(width, height, new Rgb24(114, 114, 114));
        canvas.Mutate(x => x.DrawImage(decoded, new Point((int)Math.Round(box.PadX - 0.1f), (int)Math.Round(box.PadY - 0.1f)), 1f));
        return (ChannelsFirst(canvas, [0, 0, 0], [1, 1, 1]), box);
    }

    /// <summary>RGB resized to <paramref name="width"/>×<paramref name="height"/>, (x / 255 − mean) / std per channel, channels first.</summary>
    public static float[] Resized(byte[] image, int width, int height, float[] mean, float[] std)
    {
        using var decoded = Decode(image);
        decoded.Mutate(x => x.Resize(width, height));
        return ChannelsFirst(decoded, mean, std);
    }

    /// <summary>Decodes an upload with the checks above: an ImageRefusedException for anything that is not a sound image within the limits.</summary>
    public static Image<Rgb24> Decode(byte[] bytes)
    {
        if (bytes.Length > MaxBytes) throw new ImageRefusedException($"is {bytes.Length} bytes, more than {MaxBytes}");
        return ImageDecoder.TryDecode(bytes, MaxPixels, null, out var problem) ?? throw new ImageRefusedException(problem);
    }

    private static float[] ChannelsFirst(Image<Rgb24> image, float[] mean, float[] std)
    {
        var plane = image.Width * image.Height;
        var data = new float[3 * plane];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var i = y * image.Width + x;
                    data[i] = (row[x].R / 255f - mean[0]) / std[0];
                    data[plane + i] = (row[x].G / 255f - mean[1]) / std[1];
                    data[2 * plane + i] = (row[x].B / 255f - mean[2]) / std[2];
                }
            }
        });
        return data;
    }
}
