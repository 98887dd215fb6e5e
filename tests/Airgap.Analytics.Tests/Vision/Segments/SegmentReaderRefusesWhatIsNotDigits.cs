using Airgap.Analytics.Vision.Segments;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Segments;

public sealed class SegmentReaderRefusesWhatIsNotDigits
{
    [Fact]
    public void Read_finds_nothing_in_a_blank_image()
    {
        using var image = new Image<Rgb24>(640, 400, new Rgb24(120, 120, 120));

        Assert.Empty(SegmentReader.Read(image));
    }

    [Fact]
    public void Read_finds_nothing_in_a_noisy_image()
    {
        using var image = new Image<Rgb24>(640, 400);
        var random = new Random(7);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var p in rows.GetRowSpan(y))
                {
                    var v = (byte)random.Next(256);
                    p = new Rgb24(v, v, v);
                }
        });

        Assert.Empty(SegmentReader.Read(image));
    }

    [Fact]
    public void A_region_of_strokes_that_are_not_digits_reads_as_nothing()
    {
        using var image = new Image<Rgb24>(400, 200, new Rgb24(15, 15, 15));
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    // A ring, an X and a slanted bar: thick bright strokes, none of them seven-segment shapes.
                    var ring = Math.Abs(Math.Sqrt((x - 90) * (x - 90) + (y - 100) * (y - 100)) - 35) < 6;
                    var cross = x is >= 160 and < 240 && y is >= 60 and < 140 && (Math.Abs(x - 160 - (y - 60)) < 7 || Math.Abs(x - 160 - (140 - y)) < 7);
                    var slant = x is >= 260 and < 360 && y is >= 60 and < 140 && Math.Abs(x - 260 - (y - 60) * 1.2) < 8;
                    if (ring || cross || slant) row[x] = new Rgb24(240, 240, 240);
                }
            }
        });

        Assert.Null(SegmentReader.ReadRegion(image, [40, 50, 370, 150]));
        Assert.Empty(SegmentReader.Read(image));
    }

    [Fact]
    public void A_region_outside_the_image_reads_as_nothing()
    {
        using var image = new Image<Rgb24>(200, 100, new Rgb24(15, 15, 15));

        Assert.Null(SegmentReader.ReadRegion(image, [300, 300, 400, 400]));
    }

    [Fact]
    public void A_box_that_is_not_four_numbers_is_refused()
    {
        using var image = new Image<Rgb24>(200, 100);

        var error = Assert.Throws<ArgumentException>(() => SegmentReader.ReadRegion(image, [1, 2, 3]));

        Assert.Equal("box", error.ParamName);
        Assert.StartsWith("A box is [x0, y0, x1, y1]; this one has 3 numbers.", error.Message);
    }
}
