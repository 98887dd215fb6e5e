using Airgap.Analytics.Vision;

namespace Airgap.Cli.Commands;

/// <summary>An image file read for the vision verbs: a regular file, opened once, its size checked through the handle before a byte is read.</summary>
public static class ImageFile
{
    public static byte[] Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if ((File.GetAttributes(path) & FileAttributes.Directory) != 0 || !stream.CanSeek) throw new ImageRefusedException("is not a regular file");
        if (stream.Length > ImageTensor.MaxBytes) throw new ImageRefusedException($"is {stream.Length} bytes, more than {ImageTensor.MaxBytes}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>True for the failures one image may have that leave the other images to be read.</summary>
    public static bool IsImageFailure(Exception e) => e is ImageRefusedException or IOException or UnauthorizedAccessException;

    /// <summary>The one line printed after an image's path when it could not be read.</summary>
    public static string Problem(Exception e) => e switch
    {
        ImageRefusedException refused => refused.Problem,
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        _ => e.Message,
    };
}
