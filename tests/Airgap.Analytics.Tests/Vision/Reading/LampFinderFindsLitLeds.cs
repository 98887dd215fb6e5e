using Airgap.Analytics.Vision.Ocr;
using Airgap.Analytics.Vision.Reading;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>A lit LED is a small vivid disc standing alone; unlit LEDs, letters and a vivid background are not.</summary>
public class LampFinderFindsLitLeds
{
    private static readonly Rgb24 Panel = new(200, 200, 195), Unlit = new(140, 140, 140), Red = new(225, 60, 45), Blue = new(40, 70, 230), White = new(240, 240, 240);

    private static void Disc(Image<Rgb24> image, int cx, int cy, int r, Rgb24 colour)
    {
        for (var y = cy - r; y <= cy + r; y++)
            for (var x = cx - r; x <= cx + r; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) image[x, y] = colour;
    }

    private static void Fill(Image<Rgb24> image, int x0, int y0, int x1, int y1, Rgb24 colour)
    {
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                image[x, y] = colour;
    }

    [Fact]
    public void Of_a_column_of_leds_only_the_lit_one_is_found()
    {
        using var image = new Image<Rgb24>(200, 160, Panel);
        Disc(image, 50, 20, 5, Unlit);
        Disc(image, 50, 50, 5, Red);
        Disc(image, 50, 80, 5, Unlit);
        Disc(image, 50, 110, 5, Unlit);

        var lamps = LampFinder.Find(RgbRaster.From(image), new PixelBox(0, 0, 200, 160));

        Assert.Equal([new PixelBox(45, 45, 56, 56)], lamps);
    }

    [Fact]
    public void The_blue_of_an_lcd_through_the_loop_of_a_letter_is_no_lamp()
    {
        // A white "o" on a blue LCD: its hole is a small vivid disc, but the same blue surrounds the letter.
        using var image = new Image<Rgb24>(200, 160, Blue);
        Disc(image, 100, 80, 12, White);
        Disc(image, 100, 80, 6, Blue);

        Assert.Empty(LampFinder.Find(RgbRaster.From(image), new PixelBox(0, 0, 200, 160)));
    }

    [Fact]
    public void A_vivid_bar_or_a_disc_as_big_as_the_area_is_no_lamp()
    {
        using var image = new Image<Rgb24>(200, 100, Panel);
        Fill(image, 20, 40, 60, 46, Red);
        Disc(image, 140, 50, 30, Red);

        Assert.Empty(LampFinder.Find(RgbRaster.From(image), new PixelBox(0, 0, 200, 100)));
    }
}
