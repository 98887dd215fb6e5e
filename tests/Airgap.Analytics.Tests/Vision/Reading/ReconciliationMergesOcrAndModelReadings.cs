using System.Text.Json;
using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>The rules that merge the OCR reading with a vision-language model's, on readings made by hand.</summary>
public sealed class ReconciliationMergesOcrAndModelReadings
{
    private static DisplayValue Ocr(string name, double value, string shown, double confidence, string unit = "") =>
        new(name, value, unit, shown, confidence, [10, 20, 110, 40]);

    private static DisplayValue Model(string name, double value, string shown, string unit = "") => new(name, value, unit, shown, 0, []);

    private static DisplayReading Reading(string source, IReadOnlyList<DisplayValue> values, params string[] warnings) =>
        new(values, warnings, [], source, 12);

    [Fact]
    public void A_value_both_read_alike_gets_high_confidence_and_the_source_says_both()
    {
        var merged = DisplayReconciliation.Reconcile(
            Reading("ocr", [Ocr("Header Pressure", 749, "749", 0.7, "kPa"), Ocr("Speed", 1450, "1450", 0.97, "rpm")]),
            Reading("vlm", [Model("header pressure:", 749, "749", "kPa"), Model("Speed", 1450.0, "1450.0", "rpm")]));

        Assert.Equal("ocr+vlm", merged.Source);
        Assert.Equal([("Header Pressure", 749, "749", 0.95), ("Speed", 1450, "1450", 0.97)],
            merged.Values.Select(v => (v.Name, v.Value, v.Shown, v.Confidence)));
        Assert.All(merged.Values, v => Assert.Null(v.Flag));
        Assert.All(merged.Values, v => Assert.Equal([10, 20, 110, 40], v.Box));
    }

    [Fact]
    public void A_model_number_that_rounds_to_the_digits_ocr_shows_agrees()
    {
        var merged = DisplayReconciliation.Reconcile(Reading("ocr", [Ocr("Flow", 12.5, "12.5", 0.8, "m³/h")]),
            Reading("vlm", [Model("Flow", 12.46, "12.46", "m3/h")]));

        var flow = Assert.Single(merged.Values);
        Assert.Equal((12.5, "12.5", "m³/h", 0.95, (string?)null), (flow.Value, flow.Shown, flow.Unit, flow.Confidence, flow.Flag));
    }

    [Fact]
    public void On_a_seven_segment_display_ocr_digits_win_a_disagreement_and_the_value_is_flagged()
    {
        var merged = DisplayReconciliation.Reconcile(Reading("segment", [Ocr("PV", 120, "120", 0.7, "°C")]),
            Reading("vlm", [Model("PV", 12.0, "12.0", "°C")]));

        var pv = Assert.Single(merged.Values);
        Assert.Equal((120, "120", "disagree: vlm read 12.0"), (pv.Value, pv.Shown, pv.Flag));
        Assert.Equal(0.6, pv.Confidence);
    }

    [Fact]
    public void A_sure_ocr_reading_wins_a_disagreement_and_an_unsure_one_loses_it_to_the_model()
    {
        var merged = DisplayReconciliation.Reconcile(
            Reading("ocr", [Ocr("Tank Level", 82, "82", 0.93, "%"), Ocr("Torque", 45, "45", 0.6, "Nm")]),
            Reading("vlm", [Model("Tank Level", 32, "32", "%"), Model("Torque", 46, "46", "Nm")]));

        Assert.Equal([("Tank Level", 82, "82", "disagree: vlm read 32"), ("Torque", 46, "46", "disagree: ocr read 45")],
            merged.Values.Select(v => (v.Name, v.Value, v.Shown, v.Flag)));
        Assert.Equal([10, 20, 110, 40], merged.Values[1].Box);
        Assert.All(merged.Values, v => Assert.True(v.Confidence <= 0.6, $"{v.Name}: {v.Confidence}"));
    }

    [Fact]
    public void A_value_only_one_of_them_read_is_kept_with_lower_confidence()
    {
        var merged = DisplayReconciliation.Reconcile(Reading("ocr", [Ocr("Header Pressure", 749, "749", 0.9, "kPa")]),
            Reading("vlm", [Model("Motor Current", 31.2, "31.2", "A")]));

        Assert.Equal([("Header Pressure", 749, 0.72, 4), ("Motor Current", 31.2, 0.5, 0)],
            merged.Values.Select(v => (v.Name, v.Value, v.Confidence, v.Box.Length)));
    }

    [Fact]
    public void A_model_that_listed_all_it_may_list_lowers_nothing_it_left_out()
    {
        var merged = DisplayReconciliation.Reconcile(Reading("ocr", [Ocr("Header Pressure", 749, "749", 0.9, "kPa")]),
            Reading("vlm", [Model("Motor Current", 31.2, "31.2", "A")]), vlmCapacity: 1);

        Assert.Equal(0.9, merged.Values[0].Confidence);
    }

    [Fact]
    public void Names_pair_despite_misspelling_but_not_when_their_numbers_differ()
    {
        var merged = DisplayReconciliation.Reconcile(
            Reading("ocr", [Ocr("Zone 1 Temp", 180, "180", 0.8, "°C"), Ocr("Hcader Pressure", 749, "749", 0.8, "kPa")]),
            Reading("vlm", [Model("Zone 2 Temp", 180, "180", "°C"), Model("Header Pressure", 749, "749", "kPa")]));

        Assert.Equal([("Zone 1 Temp", 0.64), ("Hcader Pressure", 0.95), ("Zone 2 Temp", 0.5)], merged.Values.Select(v => (v.Name, v.Confidence)));
    }

    [Fact]
    public void A_nameless_ocr_value_takes_the_name_the_model_gives_the_same_number()
    {
        var merged = DisplayReconciliation.Reconcile(Reading("segment", [Ocr("", 23.4, "23.4", 0.8, "°C")]),
            Reading("vlm", [Model("Temperature", 23.4, "23.4", "°C")]));

        Assert.Equal(("Temperature", 23.4, 0.95), (merged.Values[0].Name, merged.Values[0].Value, merged.Values[0].Confidence));
        Assert.Single(merged.Values);
    }

    [Fact]
    public void Warnings_are_the_union_without_the_same_warning_twice()
    {
        var merged = DisplayReconciliation.Reconcile(
            Reading("ocr", [], "High level in sump", "E-STOP ACTIVE"),
            Reading("vlm", [], "High level in sump.", "ALARM: high level in sump", "E-Stop active", "Door open"));

        Assert.Equal(["High level in sump", "E-STOP ACTIVE", "Door open"], merged.Warnings);
    }

    [Fact]
    public void A_limit_warning_follows_the_number_that_won()
    {
        var profile = new DisplayProfile([new ExpectedParameter("Header Pressure", "kPa", Max: 700)]);
        var ocr = Reading("ocr", [Ocr("Header Pressure", 749, "749", 0.6, "kPa")], "High level in sump", "Header Pressure 749 kPa above limit 700");

        var merged = DisplayReconciliation.Reconcile(ocr, Reading("vlm", [Model("Header presure", 649, "649", "kPa")]), profile);

        Assert.Equal(649, Assert.Single(merged.Values).Value);
        Assert.Equal(["High level in sump"], merged.Warnings);
    }

    [Fact]
    public void The_flag_is_on_the_wire_only_when_there_is_one()
    {
        var plain = JsonSerializer.Serialize(Ocr("PV", 1, "1", 0.9), DisplayReadingJson.Compact);
        var flagged = JsonSerializer.Serialize(Ocr("PV", 1, "1", 0.9) with { Flag = "disagree: vlm read 7" }, DisplayReadingJson.Compact);

        Assert.Equal("""{"name":"PV","value":1,"unit":"","shown":"1","confidence":0.9,"box":[10,20,110,40]}""", plain);
        Assert.EndsWith(""","flag":"disagree: vlm read 7"}""", flagged);
    }
}
