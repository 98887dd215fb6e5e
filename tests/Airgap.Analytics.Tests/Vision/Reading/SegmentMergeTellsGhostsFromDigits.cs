using Airgap.Analytics.Tests.Vision.Segments;
using Airgap.Analytics.Vision.Ocr;
using Airgap.Analytics.Vision.Reading;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>When OCR's digits of a meter are its unlit segments read as 8s, and when they are simply other digits.</summary>
public class SegmentMergeTellsGhostsFromDigits
{
    [Theory]
    [InlineData("8885", "5")]
    [InlineData("88806", "180.6")]
    [InlineData("883.2", "3.2")]
    [InlineData("8.888", "8")]
    [InlineData("888.36", "18.36")]
    public void Eights_where_the_segment_reader_saw_nothing_lit_or_another_digit_are_ghosts(string ocr, string segments) =>
        Assert.True(SegmentMerge.GhostsReadAsEights(ocr, segments));

    [Theory]
    [InlineData("189", "89")]
    [InlineData("7.06", "6")]
    [InlineData("180.6", "1811.6")]
    [InlineData("25.89", "5.89")]
    [InlineData("88", "88")]
    [InlineData("8", "")]
    [InlineData("18.3", "10.3")]
    public void A_digit_that_is_not_an_8_or_a_reader_that_saw_more_digits_is_no_ghost(string ocr, string segments) =>
        Assert.False(SegmentMerge.GhostsReadAsEights(ocr, segments));

    [Theory]
    [InlineData(false, "09.5")]
    [InlineData(true, "09.5")]
    [InlineData(true, "8.879.5")]
    [InlineData(true, "88.79.5 ..")]
    public void A_big_number_ocr_set_aside_is_read_again_as_segments_and_becomes_a_reading(bool bare, string ocr)
    {
        // OCR reads the 7 of "79.5", drawn over its unlit segments, as 0 ("09.5" looks like an identifier), or reads
        // the unlit cells as 8s with their points and the unit as dots; either way the number is set aside.
        var lcd = new SevenSegmentPainter(new Rgb24(182, 186, 176), new Rgb24(28, 30, 28), new Rgb24(160, 164, 155), DigitHeight: 80);
        using var image = new Image<Rgb24>(480, 160, new Rgb24(182, 186, 176));
        var lit = lcd.Paint(image, "79.5", 4, 40, 40);
        var zero = new Piece(PieceKind.Ignored, ocr, new PixelBox(lit[0], lit[1], lit[2], lit[3]), 0.97, 0);
        List<Piece> pieces = bare ? [zero] : [zero, Small("AUTO", 40), Small("HOLD", 100), Small("DC", 160)];

        SegmentMerge.Merge(pieces, image, CancellationToken.None);

        Assert.Equal((PieceKind.Value, "79.5"), (pieces[0].Kind, pieces[0].Shown));
    }

    private static Piece Small(string text, int x) => new(PieceKind.Label, text, new PixelBox(x, 10, x + 50, 30), 0.99, 1);

    [Fact]
    public void A_big_number_with_a_leading_zero_where_no_segments_are_lit_stays_set_aside()
    {
        using var image = new Image<Rgb24>(480, 160, new Rgb24(182, 186, 176));
        var code = new Piece(PieceKind.Ignored, "007", new PixelBox(40, 40, 200, 120), 0.97, 0);
        List<Piece> pieces = [code, Small("AUTO", 40), Small("HOLD", 100), Small("DC", 160)];

        SegmentMerge.Merge(pieces, image, CancellationToken.None);

        Assert.Equal(PieceKind.Ignored, code.Kind);
    }

    [Theory]
    [InlineData("P1", "6081", "6.081")]
    [InlineData("", "6081", "-6.081")]
    [InlineData("-", "6081", "-6.081")]
    [InlineData("P1", "06.081", "6.081")]
    public void A_minus_ocr_did_not_see_is_a_caption_stroke_when_a_caption_was_read_there(string caption, string ocr, string expected)
    {
        // OCR read the digits without their point, or with a leading zero that sets them aside, and saw no minus left of
        // them (or read it apart as a dash); the segment reader reads "-6.081".
        var lcd = new SevenSegmentPainter(new Rgb24(182, 186, 176), new Rgb24(28, 30, 28), new Rgb24(160, 164, 155), DigitHeight: 80);
        using var image = new Image<Rgb24>(640, 160, new Rgb24(182, 186, 176));
        const int left = 60;
        var lit = lcd.Paint(image, "-6.081", 5, left, 40);
        // OCR's box starts in the gap before the 6, as a loose box does; the padded box then reaches the minus.
        var digits = new PixelBox(left + 40, lit[1], lit[2], lit[3]);
        var number = ocr.StartsWith('0') ? new Piece(PieceKind.Ignored, ocr, digits, 0.97, 0) : new Piece(PieceKind.Value, ocr, digits, 0.97, 0) { Shown = ocr, Value = 6081 };
        List<Piece> pieces = caption.Length > 0 ? [number, new Piece(PieceKind.Label, caption, new PixelBox(left - 4, 62, left + 34, 98), 0.9, 0)] : [number];

        SegmentMerge.Merge(pieces, image, CancellationToken.None);

        Assert.Equal(expected, pieces[0].Shown);
        if (caption == "P1") Assert.True(pieces[0].Box.X0 >= digits.X0, $"the reading's box reaches the caption: {pieces[0].Box}");
    }

    [Fact]
    public void A_box_ocr_stretched_over_the_unit_ends_where_the_segments_do()
    {
        // OCR read "52.74 %" as "52.04." in one box; the segment reader reads 52.74, and the unit stays clear of it.
        var lcd = new SevenSegmentPainter(new Rgb24(182, 186, 176), new Rgb24(28, 30, 28), new Rgb24(160, 164, 155), DigitHeight: 80);
        using var image = new Image<Rgb24>(640, 160, new Rgb24(182, 186, 176));
        var lit = lcd.Paint(image, "52.74", 4, 40, 40);
        var ocr = new PixelBox(lit[0], lit[1], lit[2] + 90, lit[3]);
        List<Piece> pieces = [new Piece(PieceKind.Value, "52.04.", ocr, 0.93, 0) { Shown = "52.04", Value = 52.04 }];

        SegmentMerge.Merge(pieces, image, CancellationToken.None);

        Assert.Equal("52.74", pieces[0].Shown);
        Assert.InRange(pieces[0].Box.X1, lit[2] - 10, lit[2] + 20);
    }

    [Fact]
    public void A_box_ocr_stretched_over_the_unit_ends_where_the_segments_do_when_both_read_the_same_digits()
    {
        var lcd = new SevenSegmentPainter(new Rgb24(182, 186, 176), new Rgb24(28, 30, 28), new Rgb24(160, 164, 155), DigitHeight: 80);
        using var image = new Image<Rgb24>(640, 160, new Rgb24(182, 186, 176));
        var lit = lcd.Paint(image, "52.74", 4, 40, 40);
        var ocr = new PixelBox(lit[0], lit[1], lit[2] + 40, lit[3]);
        List<Piece> pieces = [new Piece(PieceKind.Value, "52.74", ocr, 0.93, 0) { Shown = "52.74", Value = 52.74 }];

        SegmentMerge.Merge(pieces, image, CancellationToken.None);

        Assert.InRange(pieces[0].Box.X1, lit[2] - 10, lit[2] + 10);
    }
}
