using Airgap.Analytics.Vision.Ocr;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Ocr;

/// <summary>Noise between a number and its small unit (JPEG blocks, a photographed screen's grain) is not ink.</summary>
public class InkBoundsIgnoreSpecks
{
    private static RgbRaster Raster(int width, int height, IEnumerable<(int X0, int Y0, int X1, int Y1)> ink)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(40, 40, 45));
        foreach (var (x0, y0, x1, y1) in ink)
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++)
                    image[x, y] = new Rgb24(200, 200, 200);
        return RgbRaster.From(image);
    }

    // The tail of the last digit cut by the box's left edge, a lone noise pixel in every column up to a small unit
    // ("V", 12 × 15), and the edge of the next tile further right.
    private static readonly (int, int, int, int)[] DigitTail = [(0, 8, 6, 34)];
    private static readonly (int, int, int, int)[] Unit = [(20, 15, 32, 30)];
    private static readonly (int, int, int, int)[] NextTile = [(70, 0, 74, 40)];
    private static IEnumerable<(int, int, int, int)> Specks(int from, int to) =>
        Enumerable.Range(from, to - from).Select(x => (x, x % 2 == 0 ? 2 : 37, x + 1, (x % 2 == 0 ? 2 : 37) + 1));

    [Fact]
    public void The_unit_after_a_speckled_gap_is_the_first_run_not_what_follows_it()
    {
        var raster = Raster(120, 40, [.. DigitTail, .. Specks(6, 20), .. Unit, .. NextTile]);

        Assert.Equal(new PixelBox(20, 15, 32, 30), InkBounds.FirstRun(raster, new PixelBox(0, 0, 120, 40), 16));
    }

    [Fact]
    public void Specks_alone_are_no_run_of_ink()
    {
        var raster = Raster(120, 40, Specks(10, 60));

        Assert.Null(InkBounds.FirstRun(raster, new PixelBox(0, 0, 120, 40), 16));
    }

    [Fact]
    public void A_small_character_the_size_of_a_percent_sign_beside_small_digits_is_kept()
    {
        // A 12-pixel-high box: a 3 × 3 dot (the smallest stroke group kept at that height is 3 pixels) is still ink.
        var raster = Raster(40, 12, [(10, 4, 13, 7)]);

        Assert.Equal(new PixelBox(10, 4, 13, 7), InkBounds.FirstRun(raster, new PixelBox(0, 0, 40, 12), 5));
    }

    [Fact]
    public void A_small_unit_beside_big_digits_keeps_its_degree_ring()
    {
        // A 60-pixel-high strip beside big digits, a unit a sixth of that: a 10-pixel ring and a 50-pixel C.
        var raster = Raster(120, 60, [(20, 20, 25, 22), (27, 21, 37, 26)]);

        Assert.Equal(new PixelBox(20, 20, 37, 26), InkBounds.FirstRun(raster, new PixelBox(0, 0, 120, 60), 24));
    }

    [Fact]
    public void A_grey_unit_beside_the_tail_of_bright_digits_is_ink_on_a_clean_background()
    {
        // Digits 210 levels over the background would set a bar (a share of that) the unit, 40 over it, does not reach;
        // on a background with no noise the bar is set from the noise instead.
        using var image = new Image<Rgb24>(120, 40, new Rgb24(40, 40, 40));
        Paint(image, (0, 8, 6, 34), 250);
        Paint(image, (20, 15, 32, 30), 80);

        Assert.Equal(new PixelBox(20, 15, 32, 30), InkBounds.FirstRun(RgbRaster.From(image), new PixelBox(0, 0, 120, 40), 16));
    }

    [Fact]
    public void A_unit_on_a_grainy_background_is_found_by_its_contrast_when_the_grain_is_too_coarse_for_faint_ink()
    {
        // Every other pixel 55 levels brighter: no faint ink stands clear of that grain, but the bright unit does.
        using var image = new Image<Rgb24>(120, 40, new Rgb24(45, 45, 45));
        for (var y = 0; y < 40; y++)
            for (var x = (y % 2); x < 120; x += 2)
                image[x, y] = new Rgb24(100, 100, 100);
        Paint(image, (20, 15, 32, 30), 250);

        Assert.Equal(new PixelBox(20, 15, 32, 30), InkBounds.FirstRun(RgbRaster.From(image), new PixelBox(0, 0, 120, 40), 16));
    }

    private static void Paint(Image<Rgb24> image, (int X0, int Y0, int X1, int Y1) box, byte luma)
    {
        for (var y = box.Y0; y < box.Y1; y++)
            for (var x = box.X0; x < box.X1; x++)
                image[x, y] = new Rgb24(luma, luma, luma);
    }

    [Fact]
    public void A_unit_on_dark_glass_is_found_when_a_bright_wall_beyond_the_bezel_fills_most_of_the_box()
    {
        // Dark glass (40) for 40 columns holding an orange-ish unit (luma about 140), then a bright wall (220) for 80:
        // measured against the wall, all the glass is ink; the box ends where the background turns into the wall.
        using var image = new Image<Rgb24>(120, 40, new Rgb24(40, 40, 45));
        for (var y = 0; y < 40; y++)
            for (var x = 40; x < 120; x++)
                image[x, y] = new Rgb24(220, 220, 215);
        for (var y = 18; y < 30; y++)
            for (var x = 10; x < 22; x++)
                image[x, y] = new Rgb24(230, 120, 30);

        Assert.Equal(new PixelBox(10, 18, 22, 30), InkBounds.FirstRun(RgbRaster.From(image), new PixelBox(0, 0, 120, 40), 16));
    }

    [Fact]
    public void Letters_as_tall_as_the_box_are_not_taken_for_the_edge_of_a_panel()
    {
        // "mm" beside digits of its own size: each column through a stroke is mostly ink, but not flat like a bezel.
        var strokes = Enumerable.Range(0, 6).Select(i => (20 + 8 * i, 4, 23 + 8 * i, 36)).Append((20, 4, 63, 8));

        Assert.Equal(new PixelBox(20, 4, 63, 36), InkBounds.FirstRun(Raster(120, 40, strokes), new PixelBox(0, 0, 120, 40), 16));
    }

    [Fact]
    public void A_unit_on_dark_glass_is_found_beside_a_slanted_bezel_narrower_than_the_edge_run_before_a_brighter_wall()
    {
        // An 84-pixel strip: black glass (12) holding a small unit, a slanted edge (30), a grey bezel (62) 20 columns
        // wide, a darker seam (40), then the wall (100). The unit and the bezel are closer than the run's gap.
        using var image = new Image<Rgb24>(160, 84, new Rgb24(12, 12, 12));
        for (var y = 0; y < 84; y++)
        {
            var edge = 60 + y / 28;
            for (var x = edge; x < 160; x++)
            {
                var luma = x < edge + 3 ? 30 : x < 83 ? 62 : x < 85 ? 40 : 100;
                image[x, y] = new Rgb24((byte)luma, (byte)luma, (byte)luma);
            }
        }
        Paint(image, (24, 40, 36, 56), 200);

        Assert.Equal(new PixelBox(24, 40, 36, 56), InkBounds.FirstRun(RgbRaster.From(image), new PixelBox(0, 0, 160, 84), 34));
    }

    [Fact]
    public void A_box_reaching_over_a_slanted_bezel_above_the_window_still_finds_the_unit_under_it()
    {
        // The top rows of a 76-pixel strip are a white bezel (220) whose lower border slants down to the right across
        // every column; under it on dark glass (20) stands a small unit.
        using var image = new Image<Rgb24>(120, 76, new Rgb24(20, 20, 22));
        for (var x = 0; x < 120; x++)
            for (var y = 0; y < 3 + x / 12; y++)
                image[x, y] = new Rgb24(220, 220, 220);
        Paint(image, (12, 40, 24, 54), 200);

        Assert.Equal(new PixelBox(12, 40, 24, 54), InkBounds.FirstRun(RgbRaster.From(image), new PixelBox(0, 0, 120, 76), 30));
    }
}
