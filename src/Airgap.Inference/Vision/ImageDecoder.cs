using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Inference.Vision;

/// <summary>
/// Decodes an uploaded image in managed code, safely: the header is read first and an image of more pixels than
/// allowed is refused before a pixel is decoded (an image bomb costs nothing); what is empty, not an image, or
/// truncated is refused with the problem in words. Every image the server takes comes through here.
/// </summary>
public static class ImageDecoder
{
    private const string NotAnImage = "is not an image this server reads (PNG, JPEG, BMP, GIF, TGA, TIFF, WebP, PBM)";

    /// <summary>
    /// The image as RGB, or null with <paramref name="problem"/> set; a pixel count over <paramref name="maxPixels"/>
    /// names <paramref name="setting"/> when one is given.
    /// </summary>
    public static Image<Rgb24>? TryDecode(byte[] bytes, long maxPixels, string? setting, out string problem)
    {
        problem = "";
        if (bytes.Length == 0)
        {
            problem = "is empty";
            return null;
        }
        IImageInfo? info;
        try
        {
            info = Image.Identify(bytes);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            info = null;
        }
        if (info is null)
        {
            problem = NotAnImage;
            return null;
        }
        if ((long)info.Width * info.Height > maxPixels)
        {
            problem = $"is {info.Width} × {info.Height} pixels, more than {maxPixels:N0}" + (setting is null ? "" : $" (setting {setting})");
            return null;
        }
        try
        {
            return Image.Load<Rgb24>(bytes);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            problem = $"could not be decoded (truncated or damaged?): {e.Message}";
            return null;
        }
    }

    private static bool IsDecodingFailure(Exception e) =>
        e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ImageFormatException;
}
