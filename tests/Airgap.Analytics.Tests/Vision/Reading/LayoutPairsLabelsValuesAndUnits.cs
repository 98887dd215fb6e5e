using Airgap.Analytics.Vision.Reading;

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
    public void Scales_of_gauges_side_by_side_are_ticks_although_their_big_readings_join_them_into_one_group()
    {
        // Three gauges in a row (boxes as OCR gave them on a rendered screen): each big reading sits among its ticks
        // and bridges to the next gauge's, so the three scales and readings form one group that steps evenly nowhere.
        var (values, _) = new ScreenText(1280, 800)
            .Line("Damper Position", 72, 133, 272, 159).Line("Room Humidity", 389, 132, 578, 160).Line("Heater Power", 712, 133, 881, 159)
            .Line("150", 159, 220, 185, 237).Line("100", 108, 238, 134, 256).Line("200", 210, 238, 237, 258)
            .Line("50", 83, 285, 105, 302).Line("250", 235, 285, 263, 304).Line("300", 226, 337, 252, 356)
            .Line("93", 139, 277, 203, 331).Line("%", 159, 329, 184, 351)
            .Line("60", 474, 192, 494, 210).Line("50", 408, 220, 422, 233).Line("70", 548, 221, 559, 230)
            .Line("40", 371, 283, 386, 295).Line("80", 583, 283, 595, 293).Line("30", 384, 356, 397, 366)
            .Line("35.0", 439, 284, 527, 326).Line("%RH", 466, 324, 499, 344)
            .Line("40", 787, 220, 804, 238).Line("20", 719, 261, 736, 276).Line("60", 854, 260, 872, 277).Line("80", 853, 338, 872, 355)
            .Line("57.8", 742, 280, 851, 328).Line("kW", 781, 330, 807, 351)
            .Read();

        Assert.Equal([("Damper Position", "93", "%"), ("Room Humidity", "35.0", "%RH"), ("Heater Power", "57.8", "kW")],
            values.OrderBy(v => v.Box[0]).Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void Numbers_under_a_limits_column_header_are_not_readings_even_when_ocr_lost_the_range_sign()
    {
        // OCR read "39 … 104" as "39 . 104" and "0 … 98" as ".98": no range sign is left, but the column is "LO / HI".
        var (values, _) = new ScreenText(1024, 600)
            .Line("Measurement", 146, 86, 251, 104).Line("PV", 613, 85, 636, 103).Line("Unit", 648, 85, 690, 104).Line("LO / HI", 760, 86, 826, 103)
            .Line("Ambient Temp", 146, 118, 259, 138).Line("97.2", 596, 116, 636, 138).Line("°F", 650, 118, 672, 138).Line("39 . 104", 759, 120, 826, 137)
            .Line("Tank Level", 147, 239, 241, 257).Line("6", 624, 240, 633, 255).Line("%", 649, 239, 663, 255).Line(".98", 758, 239, 810, 258)
            .Read();

        Assert.Equal([("Ambient Temp", "97.2", "°F"), ("Tank Level", "6", "%")], values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_meters_range_caption_over_a_reading_with_its_unit_does_not_make_it_a_limit()
    {
        var (values, _) = new ScreenText(640, 480)
            .Line("RANGE", 158, 134, 204, 150).Line("80.2", 166, 152, 367, 256).Line("%RH", 364, 220, 426, 248)
            .Read();

        Assert.Equal([("80.2", "%RH")], values.Select(v => (v.Shown, v.Unit)));
    }

    [Fact]
    public void A_number_glued_to_its_label_by_a_colon_is_a_reading_but_a_clock_a_tag_or_a_counter_is_not()
    {
        // A status screen's footer as OCR read it: a lost space before the number, a full-width colon starting a line.
        var (values, _) = new ScreenText(1024, 768)
            .Line("15 :19", 743, 12, 788, 27).Line("Unack:3", 820, 12, 890, 27).Line("TT:508", 40, 400, 110, 418)
            .Line("DC BusVoltage:576V", 13, 436, 231, 454).Line("Zone 2 Temp :", 260, 437, 385, 454).Line("：176°C", 375, 436, 456, 454)
            .Read();

        Assert.Equal([("DC Bus Voltage", "576", "V"), ("Zone 2 Temp", "176", "°C")], values.OrderBy(v => v.Box[0]).Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_decimal_number_glued_to_the_word_before_it_is_split_from_its_label_but_a_size_class_is_not()
    {
        // A status bar's readings with the space lost; a particle counter's label names its size class.
        var (values, _) = new ScreenText(1024, 600)
            .Line("Druck6,3bar", 12, 51, 108, 67).Line("Load Cell37.3 kN", 135, 50, 261, 67).Line("Oil Temp28.8°C", 300, 50, 420, 67)
            .Line("Particles0.5 µm", 16, 117, 164, 141).Line("4619 /m³", 429, 116, 526, 138)
            .Read();

        Assert.Equal([("Druck", "6,3", "bar"), ("Load Cell", "37.3", "kN"), ("Oil Temp", "28.8", "°C"), ("Particles0.5 µm", "4619", "/m³")],
            values.Select(v => (v.Name, v.Shown, v.Unit)).OrderBy(v => v.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void A_particle_size_in_a_tiles_title_is_part_of_the_label_of_the_count_under_it()
    {
        var (values, _) = new ScreenText()
            .Line("Particles 0.5 µm", 440, 65, 580, 85)
            .Line("14740", 488, 166, 554, 187).Line("/m³", 505, 190, 530, 204)
            .Line("Partikel > 5 µm", 640, 65, 780, 85)
            .Line("212", 690, 166, 740, 187).Line("/m³", 700, 190, 725, 204)
            .Read();

        Assert.Equal([("Particles 0.5 µm", "14740", "/m³"), ("Partikel > 5 µm", "212", "/m³")], values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_gauges_misread_scale_numbers_under_its_title_are_not_readings()
    {
        // The ticks 8599.7 … 42998.4 step evenly, but OCR lost two decimal points, so they are no scale any more.
        var (values, _) = new ScreenText(640, 480)
            .Line("Particles 0.5 µm", 457, 67, 587, 84)
            .Line("8599.7", 461, 159, 486, 168).Line("343988", 549, 156, 586, 169).Line("171994", 480, 128, 512, 137)
            .Line("14740", 488, 166, 554, 187).Line("/m³", 510, 190, 533, 204)
            .Read();

        Assert.Equal([("Particles 0.5 µm", "14740", "/m³")], values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_number_in_the_screens_title_is_not_a_reading_but_a_meters_big_top_digits_are()
    {
        var (screen, _) = new ScreenText()
            .Line("Kesselhaus 2", 7, 4, 96, 19).Line("20:40:41 | User: Shift B", 530, 5, 633, 17)
            .Line("Oil Temp 61 °C", 20, 60, 200, 75).Line("Batch Size 12", 20, 90, 200, 105)
            .Read();
        var (meter, _) = new ScreenText(800, 600)
            .Line("IST", 202, 127, 263, 167).Line("6", 575, 128, 665, 231)
            .Line("SOLL", 189, 236, 229, 259).Line("6", 381, 241, 415, 288)
            .Line("OUT1", 178, 296, 228, 319).Line("SET", 173, 328, 207, 350)
            .Read();

        Assert.Equal([("Oil Temp", "61"), ("Batch Size", "12")], screen.Select(v => (v.Name, v.Shown)));
        Assert.Equal([("IST", "6"), ("SOLL", "6")], meter.Select(v => (v.Name, v.Shown)));
    }

    [Fact]
    public void A_trend_charts_title_time_span_and_axis_and_a_date_with_the_months_name_are_not_readings()
    {
        var (values, _) = new ScreenText()
            .Line("Trend - 1 h", 20, 50, 130, 70).Line("Last 30 min", 320, 50, 430, 70)
            .Line("Verlauf", 20, 300, 90, 320).Line("[bar]", 50, 325, 85, 340).Line("10", 30, 345, 50, 360).Line("7.5", 30, 420, 52, 435)
            .Line("Frequenz", 600, 72, 730, 100).Line("33,9", 818, 66, 892, 102).Line("Hz", 895, 76, 921, 100)
            .Line("4 Oct 2025", 600, 400, 700, 420).Line("17Jul 2023", 750, 400, 850, 420).Line("Mai 2024", 600, 450, 700, 470)
            .Line("Last 78 %", 600, 150, 700, 170)
            .Read();

        // "Last" with a unit other than a time is a load.
        Assert.Equal([("Frequenz", "33,9", "Hz"), ("Last", "78", "%")], values.Select(v => (v.Name, v.Shown, v.Unit)));
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

    [Fact]
    public void A_small_misspelt_unit_hard_against_its_number_is_that_unit_and_one_further_off_is_not()
    {
        var (values, _) = new ScreenText()
            .Line("Supply Pressure", 20, 100, 180, 125).Line("87.2", 600, 98, 650, 127).Line("ps", 654, 104, 670, 124, 0.7)
            .Line("Vibration", 20, 140, 120, 165).Line("4.67", 600, 138, 650, 167).Line("mms", 654, 144, 680, 164, 0.7)
            .Line("Feed Rate", 20, 180, 120, 205).Line("12.5", 600, 178, 650, 207).Line("bor", 740, 184, 770, 204, 0.7)
            .Read();

        Assert.Equal([("Supply Pressure", 87.2, "psi"), ("Vibration", 4.67, "mm/s"), ("Feed Rate", 12.5, "")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_lone_F_centred_under_a_tiles_number_is_degrees_fahrenheit_and_one_under_another_tile_is_not()
    {
        // Boxes as read from a photographed screen: the degree sign of "°F" under 92 was lost.
        var (values, _) = new ScreenText(900, 675)
            .Line("AMBIENT TEMP", 400, 121, 549, 149).Line("92", 462, 173, 518, 214).Line("F", 478, 216, 504, 236)
            .Line("SETPOINT", 600, 121, 700, 149).Line("71", 620, 173, 676, 214).Line("F", 740, 216, 766, 236)
            .Read();

        Assert.Equal([("AMBIENT TEMP", 92.0, "°F"), ("SETPOINT", 71.0, "")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_handheld_meters_selector_dial_is_no_reading_and_its_display_is()
    {
        // Boxes as read from a rendered handheld meter: Ω on the dial read as 0, with A beside it and mV, mA round it.
        var (values, _) = new ScreenText(640, 640)
            .Line("HOLD", 164, 179, 207, 195).Line("1793", 158, 201, 366, 300).Line("ppm", 380, 263, 453, 294)
            .Line("mV", 234, 333, 263, 350).Line("0", 270, 322, 296, 339).Line("A", 296, 322, 321, 338).Line("mA", 330, 331, 358, 349)
            .Line("Hz", 376, 382, 399, 398)
            .Read();

        var reading = Assert.Single(values);
        Assert.Equal((1793.0, "ppm"), (reading.Value, reading.Unit));
    }

    [Fact]
    public void A_tables_row_of_units_under_its_headers_is_no_selector_dial()
    {
        var (values, _) = new ScreenText()
            .Line("Temp", 100, 100, 160, 125).Line("Pressure", 180, 100, 260, 125).Line("Flow", 280, 100, 330, 125)
            .Line("°C", 110, 140, 140, 165).Line("bar", 190, 140, 230, 165).Line("m³/h", 285, 140, 330, 165)
            .Line("61", 110, 180, 140, 205).Line("3.2", 190, 180, 230, 205).Line("120", 285, 180, 330, 205)
            .Read();

        Assert.Equal([("Temp", 61.0), ("Pressure", 3.2), ("Flow", 120.0)], values.Select(v => (v.Name, v.Value)));
    }

    [Fact]
    public void The_degree_ring_of_a_unit_read_on_its_own_as_0_is_no_value()
    {
        // Boxes as read from a rendered controller: the ring of "°C" boxed apart inside the unit's box. Left a value, the
        // probe beside it would read the C and make it a reading.
        var pieces = new ScreenText(1280, 800)
            .Line("SV", 418, 415, 466, 456).Line("181.5", 539, 365, 804, 491).Line("C", 830, 402, 880, 436, 0.73).Line("0", 836, 409, 845, 422, 0.62)
            .Pieces();

        var value = Assert.Single(pieces, p => p.Kind == PieceKind.Value);
        Assert.Equal(("SV", 181.5, "°C"), (value.Label, value.Value, value.Unit));
    }

    [Fact]
    public void On_a_process_mimic_each_tag_box_names_its_own_reading_not_the_one_level_with_it_across_the_screen()
    {
        // Boxes as read from a rendered mimic: each box holds a tag (or a tag and a description) over its reading, and a
        // box further right sits a row lower, level with the box on its left.
        var (values, _) = new ScreenText(1152, 648)
            .Line("AT-403", 298, 138, 344, 159).Line("1333", 300, 161, 354, 186).Line("μS/cm", 358, 166, 402, 188)
            .Line("TT-408", 716, 103, 758, 122).Line("Return Air Temp", 715, 122, 820, 144).Line("29.2°C", 716, 143, 788, 173)
            .Line("TT-409", 1010, 93, 1058, 112).Line("15.4°C", 1013, 112, 1083, 143)
            .Read();

        Assert.Equal([("TT-409", 15.4), ("Return Air Temp", 29.2), ("AT-403", 1333.0)], values.Select(v => (v.Name, v.Value)));
    }

    [Fact]
    public void Ph_before_a_word_is_part_of_the_label_and_after_a_number_is_its_unit()
    {
        var (values, _) = new ScreenText()
            .Line("pH Value", 20, 100, 120, 125).Line("6.7", 600, 98, 650, 127)
            .Line("Rinse Tank", 20, 140, 140, 165).Line("7.2 pH", 600, 138, 680, 167)
            .Read();

        Assert.Equal([("pH Value", 6.7, ""), ("Rinse Tank", 7.2, "pH")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_tiles_title_in_its_top_left_corner_names_the_number_centred_under_it()
    {
        // Boxes as read from a rendered screen: titles left-aligned in their tiles, numbers and units centred.
        var (values, _) = new ScreenText(1280, 800)
            .Line("Zone 1 Temp", 44, 86, 214, 116).Line("208.7", 142, 210, 305, 264).Line("°C", 214, 272, 240, 292)
            .Line("Stroke", 468, 87, 543, 115).Line("170.59", 540, 211, 743, 263).Line("mm", 617, 272, 660, 295)
            .Read();

        Assert.Equal([("Zone 1 Temp", 208.7, "°C"), ("Stroke", 170.59, "mm")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void On_a_tilted_photo_of_bar_graphs_the_caption_a_bar_above_names_the_number_and_ticks_specks_and_a_lost_percent_sign_are_placed()
    {
        // Boxes as read from a photo of bar graphs tilted 0.07 rad: "1000-" is the top of a scale with its tick, "GU" grain
        // on a bar's edge between a caption and its number, "RH" the unit of 61.0 with its % lost. Along the tilt the
        // caption over a bar lies 30 pixels left of the number under it.
        const float tilt = -0.07f;
        var (values, _) = new ScreenText(1024, 768)
            .Line("Pump Head", 345, 135, 432, 163, angle: tilt).Line("Rel.Humidity", 524, 124, 619, 147, angle: tilt).Line("Supply Voltage", 696, 111, 799, 137, angle: tilt)
            .Line("1000-", 700, 141, 732, 156, 0.95)
            .Line("GU", 394, 470, 407, 478, 0.73).Line("426.1 kPa", 391, 543, 475, 578)
            .Line("61.0", 580, 525, 640, 560).Line("RH", 655, 531, 680, 551, 0.91)
            .Read();

        Assert.Equal([("Rel.Humidity", 61.0, "%RH"), ("Pump Head", 426.1, "kPa")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_unit_right_of_the_smaller_reading_is_its_own_though_it_also_sits_under_the_bigger_one()
    {
        // Boxes as read from a photographed two-line meter: the "°C" of TEMP is under LEVEL's wide digits too.
        var (values, _) = new ScreenText(1024, 768)
            .Line("LEVEL", 284, 200, 411, 240).Line("52.74", 455, 103, 805, 281)
            .Line("TEMP", 313, 366, 396, 397).Line("56.2", 495, 303, 691, 407).Line("C", 706, 316, 757, 357, 0.61)
            .Read();

        Assert.Equal([("LEVEL", 52.74, ""), ("TEMP", 56.2, "°C")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_meters_small_channel_caption_that_is_a_units_name_names_the_reading_and_a_dotted_trace_read_as_one_does_not()
    {
        // Boxes as read from a photographed power meter: the third row is captioned "kW" and shows "244.7 kW".
        var (values, _) = new ScreenText(720, 540)
            .Line("kW", 95, 315, 135, 341, 0.86).Line("244.7", 146, 299, 366, 386, 0.9).Line("kW", 369, 344, 418, 376, 0.81)
            .Line("Cold Room Temp", 20, 450, 140, 470).Line("s........", 400, 458, 440, 465, 0.42).Line("-16.0 °C", 500, 448, 560, 470)
            .Read();

        Assert.Equal([("kW", 244.7, "kW"), ("Cold Room Temp", -16.0, "°C")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void The_l_of_a_rate_per_minute_read_as_a_1_glued_to_the_number_is_the_units()
    {
        var (values, _) = new ScreenText()
            .Line("Coolant Flow", 20, 100, 140, 125).Line("63.71/min", 600, 98, 700, 127)
            .Line("Drehzahl Lüfter", 20, 140, 160, 165).Line("8871/min", 600, 138, 700, 167)
            .Line("Spindle", 20, 180, 100, 205).Line("1500 1/min", 600, 178, 720, 207)
            .Line("Hubzahl", 20, 220, 100, 245).Line("21/min", 600, 218, 680, 247)
            .Read();

        Assert.Equal([("Coolant Flow", 63.7, "l/min"), ("Drehzahl Lüfter", 887.0, "1/min"), ("Spindle", 1500.0, "1/min"), ("Hubzahl", 21.0, "/min")],
            values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void On_a_photo_at_an_angle_a_value_takes_the_label_of_its_row_along_the_slope_not_the_next_one_level_with_it()
    {
        // Tilted 0.05 rad: across 600 pixels a row drops 30, nearly a whole row (40), so each value sits level with the
        // next row's label in the image's own axes.
        const float tilt = 0.05f;
        var (values, _) = new ScreenText()
            .Line("Suction Pressure", 20, 100, 180, 124, angle: tilt).Line("2.45 bar", 700, 130, 760, 154, angle: tilt)
            .Line("Discharge Temperature", 20, 140, 260, 164, angle: tilt).Line("81.3 °C", 700, 170, 760, 194, angle: tilt)
            .Line("Bearing Vibration Drive End", 20, 180, 300, 204, angle: tilt).Line("3.2 mm/s", 700, 210, 760, 234, angle: tilt)
            .Read();

        Assert.Equal([("Suction Pressure", 2.45, "bar"), ("Discharge Temperature", 81.3, "°C"), ("Bearing Vibration Drive End", 3.2, "mm/s")],
            values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_meter_number_read_with_a_point_after_its_last_digit_is_that_number()
    {
        var (values, _) = new ScreenText().Line("PV", 20, 100, 60, 140).Line("32.245.", 100, 80, 400, 160).Read();

        var reading = Assert.Single(values);
        Assert.Equal(("PV", "32.245", 32.245), (reading.Name, reading.Shown, reading.Value));
    }

    [Fact]
    public void A_meters_unlit_digits_read_as_8s_over_its_lit_ones_are_dropped_and_its_channel_caption_names_the_reading()
    {
        // OCR read the ghost segments "888" in one box and the lit "3.8" in another that overlaps it.
        var (values, _) = new ScreenText(1024, 768)
            .Line("P1", 150, 212, 211, 261).Line("888", 242, 157, 494, 309).Line("3.8", 444, 139, 656, 314).Line("bar", 665, 201, 739, 241)
            .Read();

        var reading = Assert.Single(values);
        Assert.Equal(("P1", "3.8", "bar"), (reading.Name, reading.Shown, reading.Unit));
    }

    [Fact]
    public void A_meters_caption_in_the_windows_corner_names_the_right_aligned_digits_under_it_and_a_caption_far_left_does_not()
    {
        // Boxes as read from a panel meter: "POSITION" over the first digit of "1699", its box just touching theirs.
        var (values, _) = new ScreenText()
            .Line("POSITION", 126, 300, 256, 324)
            .Line("1699", 220, 304, 454, 419).Line("mm", 467, 346, 521, 370)
            .Line("TURBIDITY", 20, 500, 120, 524)
            .Line("6.553", 300, 520, 560, 640).Line("NTU", 570, 600, 620, 630)
            .Read();

        Assert.Equal([("POSITION", "1699", "mm"), ("", "6.553", "NTU")], values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_unit_hard_against_the_reading_below_is_that_readings_not_the_one_above_it()
    {
        // A three-line power meter: V and A were not read; kW sits beside the bottom reading, under the middle one.
        var (values, _) = new ScreenText(720, 540)
            .Line("VOLT", 120, 101, 194, 140).Line("557", 251, 98, 457, 198)
            .Line("AMP", 106, 230, 166, 263).Line("20.3", 231, 200, 390, 300)
            .Line("PWR", 94, 330, 140, 361).Line("244.7", 137, 300, 384, 390).Line("kW", 367, 330, 423, 369)
            .Read();

        Assert.Equal([("VOLT", "557", ""), ("AMP", "20.3", ""), ("PWR", "244.7", "kW")], values.Select(v => (v.Name, v.Shown, v.Unit)));
    }

    [Fact]
    public void A_label_the_detector_boxed_word_by_word_is_whole_and_a_tag_in_front_of_it_is_dropped()
    {
        var (values, _) = new ScreenText(1024, 768)
            .Line("ST-", 16, 316, 68, 342).Line("108", 60, 315, 113, 341).Line("Pump", 190, 313, 264, 346).Line("Speed", 265, 313, 353, 347)
            .Line("1315", 777, 311, 857, 344).Line("rpm", 872, 319, 923, 346)
            .Line("TT-204 Freezer Temp", 190, 365, 420, 396).Line("-27.8", 750, 364, 858, 395).Line("°C", 870, 368, 900, 394)
            .Line("Injection", 100, 450, 200, 475).Line("Pressure", 208, 450, 300, 475).Line("155.4", 120, 500, 260, 560).Line("MPa", 270, 530, 310, 555)
            .Read();

        Assert.Equal([("Pump Speed", 1315.0, "rpm"), ("Freezer Temp", -27.8, "°C"), ("Injection Pressure", 155.4, "MPa")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Theory]
    [InlineData("Phase Ll Current", "Phase L1 Current")]
    [InlineData("Flue02", "Flue O2")]
    [InlineData("C02 Level", "CO2 Level")]
    [InlineData("LI-101 Level", "LI-101 Level")]
    [InlineData("LI 101", "LI 101")]
    [InlineData("Tank02 Level", "Tank02 Level")]
    [InlineData("Pump 0utput", "Pump Output")]
    public void A_label_read_with_a_digit_for_a_letter_or_a_letter_for_a_digit_is_mended(string read, string label) =>
        Assert.Equal(label, LinePieces.CleanLabel(read));

    [Theory]
    [InlineData("JT-107 Active Power", "Active Power")]
    [InlineData("TT205 Bearing Temp DE", "Bearing Temp DE")]
    [InlineData("Zone12 Temp", "Zone12 Temp")]
    [InlineData("R134a Suction Pressure", "R134a Suction Pressure")]
    [InlineData("PM10 Concentration", "PM10 Concentration")]
    [InlineData("FT-101", "FT-101")]
    public void Only_an_instrument_tag_in_front_of_a_description_is_dropped(string label, string kept) =>
        Assert.Equal(kept, ReadingFilter.WithoutHeaderClutter(label));
}
