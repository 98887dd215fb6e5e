using Airgap.Analytics.Vision.Segments;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Segments;

public sealed class SegmentReaderReadsDrawnDisplays
{
    private static readonly SevenSegmentPainter GreenLed = new(new Rgb24(14, 18, 14), new Rgb24(70, 250, 110), new Rgb24(30, 48, 32));
    private static readonly SevenSegmentPainter GreyLcd = new(new Rgb24(182, 186, 176), new Rgb24(28, 30, 28), new Rgb24(160, 164, 155));

    private static (Image<Rgb24> Image, int[] Box) Display(SevenSegmentPainter painter, string shown, double degrees)
    {
        var image = new Image<Rgb24>(480, 240, new Rgb24(90, 92, 98));
        var box = (painter with { Degrees = degrees }).Paint(image, shown, 5, 60, 80);
        return (image, box);
    }

    [Theory]
    [InlineData("1.20", 3.0)]
    [InlineData("-12.5", -4.0)]
    [InlineData("0.48", 2.0)]
    [InlineData("1546", -2.5)]
    [InlineData("907.3", 5.0)]
    public void Bright_digits_on_dark_glass_are_read_with_their_point_and_sign_and_without_ghosts(string shown, double degrees)
    {
        var (image, box) = Display(GreenLed, shown, degrees);
        using (image)
        {
            var reading = SegmentReader.ReadRegion(image, [box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10]);

            Assert.NotNull(reading);
            Assert.Equal(shown, reading.Shown);
            Assert.Equal(double.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), reading.Value);
            Assert.InRange(reading.Confidence, 0.5, 1);
        }
    }

    [Theory]
    [InlineData("1.20", -3.0)]
    [InlineData("-12.5", 4.0)]
    [InlineData("0.48", 0.0)]
    [InlineData("88.8", 2.0)]
    public void Dark_digits_on_light_glass_are_read_with_their_point_and_sign_and_without_ghosts(string shown, double degrees)
    {
        var (image, box) = Display(GreyLcd, shown, degrees);
        using (image)
        {
            var reading = SegmentReader.ReadRegion(image, [box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10]);

            Assert.NotNull(reading);
            Assert.Equal(shown, reading.Shown);
        }
    }

    [Theory]
    [InlineData("-12.5")]
    [InlineData("0.48")]
    [InlineData("1546")]
    public void Read_finds_the_digits_in_the_whole_image_and_boxes_them(string shown)
    {
        var (image, box) = Display(GreenLed, shown, 3.0);
        using (image)
        {
            var readings = SegmentReader.Read(image);

            var reading = Assert.Single(readings);
            Assert.Equal(shown, reading.Shown);
            Assert.InRange(reading.Box[0], box[0] - 15, box[0] + 15);
            Assert.InRange(reading.Box[2], box[2] - 15, box[2] + 15);
            Assert.InRange(reading.Box[1], box[1] - 15, box[1] + 15);
            Assert.InRange(reading.Box[3], box[3] - 15, box[3] + 15);
        }
    }

    [Fact]
    public void Read_lists_two_displays_largest_first()
    {
        using var image = new Image<Rgb24>(640, 400, new Rgb24(90, 92, 98));
        (GreenLed with { DigitHeight = 50 }).Paint(image, "83.0", 4, 40, 40);
        (GreenLed with { DigitHeight = 80 }).Paint(image, "-4.75", 4, 40, 200);

        var readings = SegmentReader.Read(image);

        Assert.Equal(["-4.75", "83.0"], readings.Select(r => r.Shown));
    }
}
