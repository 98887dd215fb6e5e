using Airgap.Analytics.Vision.Ocr;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Ocr;

public class OcrGeometryStages
{
    private static float[] Map(int width, int height, params (int X0, int Y0, int X1, int Y1, float P)[] blocks)
    {
        var map = new float[width * height];
        foreach (var (x0, y0, x1, y1, p) in blocks)
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++)
                    map[y * width + x] = p;
        return map;
    }

    private static RgbRaster Raster(int width, int height, params (int X0, int Y0, int X1, int Y1)[] ink)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(250, 250, 250));
        foreach (var (x0, y0, x1, y1) in ink)
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++)
                    image[x, y] = new Rgb24(20, 20, 20);
        return RgbRaster.From(image);
    }

    [Fact]
    public void Each_confident_text_region_becomes_a_rectangle_grown_by_the_unclip_ratio_and_faint_ones_are_dropped()
    {
        var map = Map(200, 100, (10, 10, 90, 30, 0.9f), (120, 60, 180, 80, 0.45f));

        var region = Assert.Single(TextDetector.Regions(map, 200, 100));

        // 80 × 20 grows by 80·20·1.5 / (2·100) = 12 on every side.
        Assert.Equal((49.5f, 19.5f, 104f, 44f, 0f), (region.CenterX, region.CenterY, region.Length, region.Thickness, region.Angle));
    }

    [Fact]
    public void A_tilted_line_keeps_its_slope()
    {
        var map = new float[300 * 120];
        for (var x = 20; x < 280; x++)
            for (var dy = 0; dy < 12; dy++)
                map[(30 + (int)(x * 0.1) + dy) * 300 + x] = 0.9f;

        var region = Assert.Single(TextDetector.Regions(map, 300, 120));

        Assert.InRange(region.Angle, 0.08f, 0.12f);
    }

    [Fact]
    public void Ink_runs_are_found_from_either_side_and_ink_cut_by_the_box_edge_is_skipped()
    {
        var raster = Raster(200, 40, (0, 10, 12, 30), (30, 12, 40, 28), (80, 5, 120, 35));

        Assert.Equal(new PixelBox(30, 12, 40, 28), InkBounds.FirstRun(raster, new PixelBox(0, 0, 200, 40), 10));
        Assert.Equal(new PixelBox(80, 5, 120, 35), InkBounds.LastRun(raster, new PixelBox(0, 0, 200, 40), 10));
        Assert.Null(InkBounds.FirstRun(Raster(50, 20), new PixelBox(0, 0, 50, 20), 5));
    }

    [Fact]
    public void A_word_space_the_recogniser_dropped_comes_back_where_the_ink_has_a_wide_gap_but_not_inside_numbers()
    {
        // Ten letters like "n" (two 2-px strokes), 2 px apart: five, a 12-pixel gap, five.
        int[] starts = [.. Enumerable.Range(0, 5).Select(i => 10 + 8 * i), .. Enumerable.Range(0, 5).Select(i => 60 + 8 * i)];
        var raster = Raster(120, 40, [.. starts.SelectMany(x => new[] { (x, 14, x + 2, 26), (x + 4, 14, x + 6, 26) })]);
        OcrText Line(string text) => new(text, new PixelBox(8, 5, 102, 35), 0.95,
            text.Select((c, i) => new OcrCharacter(c.ToString(), starts[i] + 3, 0.95f)).ToList());

        Assert.Equal("Press Force", SpaceRestorer.Restore(raster, Line("PressForce")).Text);
        Assert.Equal("2024512202", SpaceRestorer.Restore(raster, Line("2024512202")).Text);
    }
}
