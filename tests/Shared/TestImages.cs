using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Tests.Shared;

/// <summary>Images for the vision tests: plain PNGs, and a PNG posing as an image bomb.</summary>
internal static class TestImages
{
    /// <summary>A solid red PNG.</summary>
    public static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(200, 30, 30));
        return Encoded(image);
    }

    /// <summary>A PNG of a red square on blue, <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] RedSquareOnBlue(int width = 48, int height = 40)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(20, 40, 200));
        for (var y = height / 4; y < height * 3 / 4; y++)
        for (var x = width / 4; x < width * 3 / 4; x++)
            image[x, y] = new Rgb24(220, 30, 30);
        return Encoded(image);
    }

    /// <summary>The PNG with its header claiming another size (CRC fixed), as an image bomb's would: tiny file, huge image.</summary>
    public static byte[] Bomb(byte[] png, int width, int height)
    {
        var bytes = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        return bytes;
    }

    private static byte[] Encoded(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    // PNG's CRC-32 (ISO-HDLC), bit by bit: a few bytes, no package for it.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
