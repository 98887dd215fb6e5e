using Airgap.Analytics.Vision.Reading;

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
}
