using System.Text.Json;
using Airgap.Analytics.Vision;
using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>The whole reader on the built-in OCR models, on displays rendered with known truth (Displays/*.json).</summary>
public class DisplayReaderReadsRenderedDisplays(DisplayReaderReadsRenderedDisplays.Reader fixture) : IClassFixture<DisplayReaderReadsRenderedDisplays.Reader>
{
    public sealed class Reader : IDisposable
    {
        public DisplayReader Instance { get; } = DisplayReader.OpenBuiltIn(2);

        public void Dispose() => Instance.Dispose();
    }

    private static string Display(string name) => Path.Combine(AppContext.BaseDirectory, "Vision", "Reading", "Displays", name);

    private DisplayReading Read(string image, DisplayProfile? profile = null)
    {
        using var decoded = ImageTensor.Decode(File.ReadAllBytes(Display(image)));
        return fixture.Instance.Read(decoded, profile);
    }

    [Fact]
    public void A_blank_screen_has_nothing_to_read()
    {
        using var blank = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(640, 480, new SixLabors.ImageSharp.PixelFormats.Rgb24(30, 30, 30));

        var reading = fixture.Instance.Read(blank, null);

        Assert.Equal((0, 0, 0, "ocr"), (reading.Values.Count, reading.Warnings.Count, reading.Text.Count, reading.Source));
    }

    [Fact]
    public void Concurrent_reads_on_one_reader_each_get_the_whole_answer()
    {
        var readings = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ => Read("hmi_001.png")).ToList();

        Assert.All(readings, r => Assert.Equal(8, r.Values.Count));
    }

    [Fact]
    public void Every_reading_of_a_panel_comes_back_with_its_label_digits_and_unit_and_its_alarm_pill_as_a_warning()
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Display("hmi_001.json")));

        var reading = Read("hmi_001.png");

        var expected = truth.RootElement.GetProperty("values").EnumerateArray()
            .Select(v => (v.GetProperty("name").GetString(), v.GetProperty("shown").GetString(), v.GetProperty("unit").GetString())).ToList();
        Assert.Equal(expected, reading.Values.Select(v => ((string?)v.Name, (string?)v.Shown, (string?)v.Unit)));
        Assert.Equal(["High level in sump"], reading.Warnings);
        Assert.Equal("ocr", reading.Source);
        Assert.All(reading.Values, v => Assert.InRange(v.Confidence, 0.5, 1));
        Assert.Contains(reading.Text, t => t.Text == "Header Pressure");
        Assert.All(reading.Text.Select(t => t.Box).Concat(reading.Values.Select(v => v.Box)), b => Assert.True(b[0] >= 0 && b[1] >= 0 && b[2] <= 1152 && b[3] <= 648 && b[0] < b[2] && b[1] < b[3]));
    }

    [Fact]
    public void On_a_fault_list_the_fault_and_warning_rows_are_warnings_and_info_rows_codes_and_times_are_nothing()
    {
        var reading = Read("status_010.png");

        Assert.Empty(reading.Values);
        Assert.Equal(4, reading.Warnings.Count);
        Assert.Equal(["Turbidity high", "Clamp pressure low", "Safety guard open"], reading.Warnings.Where(w => !w.StartsWith("Chiller")));
    }

    [Fact]
    public void A_profile_turns_a_reading_past_its_limit_into_a_warning()
    {
        var profile = new DisplayProfile([new ExpectedParameter("Header Pressure", "kPa", Max: 700), new ExpectedParameter("Torque", "Nm", Min: 10, Max: 100)]);

        var reading = Read("hmi_001.png", profile);

        Assert.Equal(["High level in sump", "Header Pressure 749 kPa above limit 700"], reading.Warnings);
    }

    [Fact]
    public void On_a_photo_of_a_table_at_an_angle_each_value_takes_the_label_of_its_own_row()
    {
        // Rotated about 3°: across the table a row drops by a whole row, so the label level with a value in the image's
        // own axes is the next row's.
        var truth = Truth("photo_048.json");

        var score = DisplayScoring.ScoreImage(truth, DisplayPrediction.From(Read("photo_048.jpg")));

        Assert.Equal((10, 10, 0), (score.TruthValues, score.MatchedValues, score.WrongValues.Count));
    }

    [Fact]
    public void A_controller_photographed_at_an_angle_reads_pv_with_its_trailing_point_and_the_unit_beside_each_value()
    {
        // The PV is read "32.245." (a lit point after the last digit); SV's °C sits high beside its digits, over dark
        // glass next to a bright bezel.
        var reading = Read("segment_001.jpg");

        Assert.Equal([("PV", "32.245", "°C"), ("SV", "30.000", "°C")], reading.Values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void On_a_table_with_a_tag_column_every_reading_has_its_whole_description_and_its_unit()
    {
        // The detector boxes "Pump" and "Speed" apart, the tag column sits left of each description, and the lone
        // "°C" crop reads only when padded to the recogniser's training width.
        var truth = Truth("hmi_002.json");

        var score = DisplayScoring.ScoreImage(truth, DisplayPrediction.From(Read("hmi_002.png")));

        Assert.Equal((8, 8), (score.TruthValues, score.MatchedValues));
    }

    [Fact]
    public void A_drive_keypad_shows_its_unit_by_the_lit_led_beside_a_list_of_units()
    {
        // The list (Hz, A, V, rpm) is too small for the detector to box; the LED beside "A" is lit.
        var reading = Read("segment_030.jpg");

        Assert.Equal([("", "8.2", "A")], reading.Values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void On_a_tilted_vfd_meter_a_lone_unit_letter_is_read_beside_digits_whose_box_reaches_the_bezel_and_a_glowing_k_is_no_lamp()
    {
        // OCR's box of "22" reaches over the white bezel above the window at a slant; the bowl of the "k" in "kW" is a
        // small bright disc beside "436.0".
        var reading = Read("segment_114.jpg");

        Assert.Contains(("VOLT", "V"), reading.Values.Select(v => (v.Name, v.Unit)));
        Assert.Equal("kW", reading.Values.Single(v => v.Box[1] > 200).Unit);
    }

    [Fact]
    public void A_faint_small_unit_in_a_grainy_photo_is_read_from_the_band_beside_the_digits()
    {
        // The "A" after "27.8" is a few pixels high and grain hides its ink, so only the band read as it is finds it.
        var reading = Read("photo_130.jpg");

        Assert.Contains(("Strom", 27.8, "A"), reading.Values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_small_unit_under_a_tiles_digits_that_the_detector_missed_is_read_from_the_band_under_them()
    {
        var reading = Read("hmi_143.png");

        Assert.Contains(("Stroke", 242.3, "mm"), reading.Values.Select(v => (v.Name, v.Value, v.Unit)));
        Assert.Contains(("Tank Level", 6.0, "%"), reading.Values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_value_with_the_next_label_close_beside_it_gets_no_unit_from_that_label()
    {
        // Right of "6.6" is blank up to "Pump Speed", which OCR boxed with its label: a band reaching the P reads it as an
        // F (°F), and the ink probe there reads a word ("Pur"), so no unit is looked for.
        var reading = Read("status_145.jpg");

        Assert.Equal("", reading.Values.Single(v => v.Value == 6.6).Unit);
    }

    [Fact]
    public void A_ph_reading_has_no_unit_and_the_probes_beside_it_look_for_none()
    {
        // Right of "7.12" the trend chart's axis and lines start: a probe there read them as an A.
        var reading = Read("hmi_236.png");

        Assert.Contains(("pH Value", 7.12, ""), reading.Values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_controllers_unit_printed_high_beside_its_digits_is_read_where_ocrs_box_reached_over_it()
    {
        // OCR's box of "6.1" reaches into the "b" of "bar", which stands level with the top of the digits, not at their
        // baseline where the bands beside a number look first.
        var reading = Read("segment_243.jpg");

        Assert.Contains(("PV", "6.1", "bar"), reading.Values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_small_caption_left_of_a_meters_ghost_digits_names_the_reading()
    {
        // "SV" is a few pixels high, beside the window's edge; the ink probe's crop takes in the edge and reads "L".
        var reading = Read("segment_232.jpg");

        Assert.Equal([("PV", "3.218", "bar"), ("SV", "3.262", "bar")], reading.Values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_channel_caption_of_letter_and_number_names_the_reading_on_a_meter_whose_text_is_mostly_numbers()
    {
        var reading = Read("segment_234.jpg");

        Assert.Contains(("L1", "406.6", "V"), reading.Values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    private static DisplayTruthImage Truth(string name)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Display(name)));
        return DisplayTruthSet.Parse(truth.RootElement, name, null, name);
    }
}
