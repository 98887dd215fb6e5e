using Airgap.Analytics.Logs;

namespace Airgap.Analytics.Tests.Logs;

public class LoghubCsvQuotesByRfc4180
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void A_field_is_quoted_only_when_it_must_be(string field, string written)
    {
        var row = new StringWriter();
        LoghubCsv.WriteField(row, field);
        Assert.Equal(written, row.ToString());
        Assert.Equal([field], LoghubCsv.ReadRows(new StringReader(written + "\n")).Single());
    }

    [Fact]
    public void Grouping_accuracy_counts_a_line_only_when_its_whole_group_is_right()
    {
        // Predicted 1 = true A exactly; predicted 2 joins B and C, so none of those three lines is right.
        int[] predicted = [1, 1, 2, 2, 2];
        string[] truth = ["A", "A", "B", "B", "C"];
        Assert.Equal(0.4, GroupingAccuracy.Compute(predicted, truth), 6);
    }
}
