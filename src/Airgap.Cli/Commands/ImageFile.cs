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
}
