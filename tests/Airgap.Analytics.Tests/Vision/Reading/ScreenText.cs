using Airgap.Analytics.Vision.Ocr;
using Airgap.Analytics.Vision.Reading;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>
/// A display as OCR would hand it to the layout stages: lines of text at known boxes (characters spread evenly over
/// each box) on a plain screen, with coloured rectangles where the test draws banners.
/// </summary>
internal sealed class ScreenText(int width = 1000, int height = 600)
{
    private readonly List<OcrText> _lines = [];
    private readonly List<(Rectangle Box, Rgb24 Colour)> _fills = [];

    /// <summary>A line of text; <paramref name="angle"/> (radians) is its slope, as on a photo taken at an angle.</summary>
    public ScreenText Line(string text, float x0, float y0, float x1, float y1, double confidence = 0.98, float angle = 0)
    {
        var pitch = (x1 - x0) / text.Length;
        var characters = text.Select((c, i) => new OcrCharacter(c.ToString(), x0 + (i + 0.5f) * pitch, (float)confidence)).ToList();
        _lines.Add(new OcrText(text, new PixelBox(x0, y0, x1, y1), confidence, characters) { Thickness = y1 - y0, Angle = angle });
        return this;
    }

    /// <summary>
    /// Three uncoloured readings in a column from <paramref name="top"/>: beside a few coloured lines they keep the screen
    /// from counting as drawn all in alarm colours, where colour would say nothing.
    /// </summary>
    public ScreenText PlainReadings(float top) =>
        Line("Oil Temp 61 °C", 500, top, 700, top + 20).Line("Oil Pressure 3.2 bar", 500, top + 40, 700, top + 60).Line("Speed 1480 rpm", 500, top + 80, 700, top + 100);

    public ScreenText Fill(int x0, int y0, int x1, int y1, Rgb24 colour)
    {
        _fills.Add((Rectangle.FromLTRB(x0, y0, x1, y1), colour));
        return this;
    }

    public IReadOnlyList<OcrText> Lines => _lines;

    public RgbRaster Raster()
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(240, 240, 240));
        foreach (var (box, colour) in _fills)
            for (var y = box.Top; y < box.Bottom; y++)
                for (var x = box.Left; x < box.Right; x++)
                    image[x, y] = colour;
        return RgbRaster.From(image);
    }

    /// <summary>Runs the layout stages the reader runs after OCR: values, then warnings.</summary>
    public (List<DisplayValue> Values, List<string> Warnings) Read()
    {
        var (pieces, warnings) = Layout();
        return (DisplayReader.Values(pieces), warnings);
    }

    /// <summary>
    /// The pieces as the layout stages leave them, before the unit probes (which need the OCR models) look again beside
    /// every number still taken for a value.
    /// </summary>
    public List<Piece> Pieces() => Layout().Pieces;

    private (List<Piece> Pieces, List<string> Warnings) Layout()
    {
        var pieces = LinePieces.Parse(WordSplitter.Split(_lines));
        var warnings = DisplayReader.Layout(Raster(), pieces, DisplayReader.TextSlope(_lines));
        return (pieces, warnings);
    }
}
