using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Airgap.Inference.Vision;

/// <summary>
/// An image in a prompt as a vision projector takes it: RGB pixels, row by row, decoded and bounded in managed code
/// (SixLabors.ImageSharp), so native code only ever sees a plain pixel buffer of a known size, never a file format.
/// </summary>
public sealed class PromptImage
{
    /// <summary>The text that stands for one image in a prompt, where the image goes (llama.cpp mtmd's default media marker).</summary>
    public const string Marker = "<__media__>";

    /// <summary>Longest side handed to the projector; larger images are scaled down to it (projectors tile or resize far below).</summary>
    public const int MaxEdge = 2048;

    private PromptImage(int width, int height, byte[] rgb) => (Width, Height, Rgb) = (width, height, rgb);

    public int Width { get; }
    public int Height { get; }

    /// <summary>Width × height × 3 bytes: R, G, B per pixel, rows top to bottom.</summary>
    public byte[] Rgb { get; }

    /// <summary>An image from raw pixels (as a test or an application already holds them); scaled to <see cref="MaxEdge"/>.</summary>
    public static PromptImage FromRgb(int width, int height, byte[] rgb)
    {
        if (width < 1 || height < 1 || rgb.Length != (long)width * height * 3)
            throw new ArgumentException("an RGB image is width × height × 3 bytes", nameof(rgb));
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        return From(image);
    }

    /// <summary>
    /// Decodes an encoded image (PNG, JPEG, BMP, GIF, TGA, TIFF, WebP, PBM); false with the problem in words for
    /// anything empty, not an image, over <paramref name="maxPixels"/> (refused from the header, before a pixel is
    /// decoded), or truncated.
    /// </summary>
    public static bool TryDecode(byte[] bytes, long maxPixels, out PromptImage? image, out string problem)
    {
        using var decoded = ImageDecoder.TryDecode(bytes, maxPixels, "Inference:MaxImagePixels", out problem);
        image = decoded is null ? null : From(decoded);
        return image is not null;
    }

    private static PromptImage From(Image<Rgb24> image)
    {
        var longest = Math.Max(image.Width, image.Height);
        if (longest > MaxEdge)
        {
            var scale = (double)MaxEdge / longest;
            image.Mutate(x => x.Resize(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale))));
        }
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new PromptImage(image.Width, image.Height, rgb);
    }
}
