namespace Airgap.Analytics.Tests.Vision.Reading;

public class LayoutPairsLabelsValuesAndUnits
{
    [Fact]
    public void A_label_left_of_its_value_on_the_same_row_names_it_even_across_the_screen()
    {
        var (values, _) = new ScreenText()
            .Line("Header Pressure", 20, 70, 210, 100)
            .Line("749 kPa", 850, 60, 990, 110)
            .Line("Oil Temp", 20, 140, 120, 170)
            .Line("61.1°℃", 860, 135, 990, 175)
            .Read();

        Assert.Equal([("Header Pressure", 749.0, "kPa"), ("Oil Temp", 61.1, "°C")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_tile_takes_the_label_above_it_and_the_unit_beside_it_not_the_neighbouring_tile()
    {
        var (values, _) = new ScreenText()
            .Line("Grid Frequency", 40, 80, 220, 105)
            .Line("Pump Output", 400, 80, 565, 105)
            .Line("49.86", 40, 180, 205, 240)
            .Line("Hz", 215, 210, 245, 232)
            .Line("46", 430, 180, 505, 240)
            .Line("%", 515, 210, 535, 232)
            .Read();

        Assert.Equal([("Grid Frequency", "49.86", "Hz"), ("Pump Output", "46", "%")], values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void Gauge_scale_ticks_are_not_readings_and_do_not_hide_the_label_above()
    {
        var (values, _) = new ScreenText()
            .Line("Ram Position", 160, 68, 245, 86)
            .Line("240", 156, 189, 176, 201).Line("360", 228, 188, 248, 201)
            .Line("120", 113, 246, 133, 260).Line("480", 270, 245, 292, 260)
            .Line("0", 140, 316, 150, 329).Line("600", 249, 316, 268, 329)
            .Line("172.8", 142, 260, 265, 301)
            .Line("mm", 190, 330, 213, 341)
            .Read();

        var reading = Assert.Single(values);
        Assert.Equal(("Ram Position", 172.8, "mm"), (reading.Name, reading.Value, reading.Unit));
    }

    [Fact]
    public void Range_columns_clocks_dates_and_header_counters_are_not_readings()
    {
        var (values, _) = new ScreenText()
            .Line("2024-01-25 16:10:38 | User: maint | Screen 4", 600, 5, 990, 25)
            .Line("Motor Speed", 20, 100, 140, 125).Line("2675", 600, 98, 660, 127).Line("rpm", 670, 100, 705, 125)
            .Line("120 – 3600", 800, 100, 900, 125)
            .Line("Residual Chlorine", 20, 140, 180, 165).Line("1.893", 600, 138, 660, 167).Line("ppm", 670, 140, 710, 165)
            .Line("L 0.10 / H 2.19", 800, 140, 930, 165)
            .Read();

        Assert.Equal([("Motor Speed", 2675.0, "rpm"), ("Residual Chlorine", 1.893, "ppm")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_number_the_detector_cut_at_its_decimal_point_is_read_whole()
    {
        var (values, _) = new ScreenText()
            .Line("Steam Temp", 20, 286, 140, 310)
            .Line("183", 600, 284, 640, 312).Line(".6", 642, 284, 660, 312).Line("℃", 690, 284, 710, 312)
            .Read();

        var reading = Assert.Single(values);
        Assert.Equal(("Steam Temp", "183.6", 183.6, "°C"), (reading.Name, reading.Shown, reading.Value, reading.Unit));
    }

    [Fact]
    public void Words_glued_together_by_small_text_are_parted_and_numbers_inside_labels_stay_labels()
    {
        var (values, _) = new ScreenText()
            .Line("PressForce", 14, 475, 89, 493).Line("1546 kN", 345, 476, 394, 492)
            .Line("Zone 2 Temp 172.5 °C", 500, 505, 700, 523)
            .Read();

        Assert.Equal([("Press Force", 1546.0, "kN"), ("Zone 2 Temp", 172.5, "°C")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_letter_o_read_as_a_zero_in_a_formula_is_an_o_again()
    {
        var (values, _) = new ScreenText()
            .Line("C02 Level", 20, 100, 120, 125).Line("531 ppm", 600, 98, 680, 127)
            .Line("Flue 02", 20, 140, 100, 165).Line("2.4 %", 600, 138, 660, 167)
            .Read();

        Assert.Equal(["CO2 Level", "Flue O2"], values.Select(v => v.Name));
    }

    [Fact]
    public void A_label_cut_in_two_by_the_detector_is_whole_again()
    {
        var (values, _) = new ScreenText()
            .Line("Total", 248, 339, 290, 356)
            .Line("Power: 780.8 kW", 294, 339, 440, 356)
            .Read();

        Assert.Equal("Total Power", Assert.Single(values).Name);
    }
}
