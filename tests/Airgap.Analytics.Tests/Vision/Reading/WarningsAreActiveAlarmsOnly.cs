using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Reading;

public class WarningsAreActiveAlarmsOnly
{
    private static readonly Rgb24 Red = new(200, 30, 30);
    private static readonly Rgb24 Amber = new(220, 170, 20);

    [Fact]
    public void A_red_pill_is_a_warning_an_unlit_lamp_a_menu_and_no_active_alarms_are_not()
    {
        var (_, warnings) = new ScreenText()
            .Fill(480, 300, 680, 340, Red).Line("High level in sump", 500, 305, 660, 335)
            .Line("TRIP", 100, 500, 140, 520)
            .Line("F1 Main", 20, 560, 90, 585).Line("F4 Alarms", 300, 560, 390, 585)
            .Line("No active alarms", 600, 500, 760, 520)
            .Line("Alarm Limits", 800, 60, 900, 80)
            .Read();

        Assert.Equal(["High level in sump"], warnings);
    }

    [Fact]
    public void A_title_bar_on_a_photographed_screen_is_no_warning_but_a_banner_under_it_is()
    {
        // The screen sits lower in the photo than a screenshot's top strip, tilted: the bar's clock is a little higher
        // than its title. The banner's message has no alarm word the vocabulary knows (OCR dropped the u of fault).
        var (_, warnings) = new ScreenText()
            .Fill(100, 78, 900, 112, Red).Line("Sewage Plant Inlet", 120, 86, 300, 108).Line("08/01/2025 23:33 | User: OP2", 640, 80, 880, 100)
            .Fill(100, 130, 900, 162, Red).Line("Earth falt detected", 120, 134, 300, 158)
            .Line("Suction Pressure 4.2 bar", 120, 220, 400, 245).Line("Discharge Pressure 6.8 bar", 120, 260, 420, 285)
            .Line("Flow 120 m3/h", 500, 220, 700, 245).Line("Level 62 %", 500, 260, 700, 285)
            .Line("Motor Current 41 A", 120, 300, 400, 325).Line("Speed 1480 rpm", 500, 300, 700, 325)
            .Read();

        Assert.Equal(["Earth falt detected"], warnings);
    }

    [Fact]
    public void A_negation_behind_a_status_dot_is_still_no_alarm()
    {
        var (_, warnings) = new ScreenText()
            .Fill(20, 500, 300, 530, Red).Line("●No active alarms", 20, 500, 300, 530)
            .Read();

        Assert.Empty(warnings);
    }

    [Fact]
    public void A_message_the_detector_cut_at_a_wide_space_is_one_warning_and_a_time_before_it_stays_apart()
    {
        var (_, warnings) = new ScreenText(800, 480)
            .Line("! Low suction", 23, 39, 124, 54).Line("pressure", 116, 40, 196, 54)
            .Line("Phase", 216, 410, 262, 426).Line("failure", 265, 409, 329, 427)
            .Fill(396, 436, 604, 460, Red).Line("06:37:02", 400, 440, 470, 456).Line("Druck zu", 476, 440, 540, 456).Line("niedrig", 545, 440, 600, 456)
            .Read();

        Assert.Equal(["! Low suction pressure", "Phase failure", "Druck zu niedrig"], warnings);
    }

    [Fact]
    public void A_time_read_on_the_banners_line_is_left_out_of_the_warning_and_a_number_in_the_message_stays()
    {
        // A photographed banner: the detector read the time on the message's line, once with its colons lost.
        var (_, warnings) = new ScreenText(800, 480)
            .Fill(96, 36, 604, 60, Red).Line("12:38:18 Agitator A-1 stalled", 100, 40, 400, 56)
            .Fill(96, 436, 604, 460, Amber).Line("011213 Cooling water flow low", 100, 440, 400, 456)
            .Line("2 pumps not ready", 100, 240, 300, 256).Fill(96, 196, 604, 220, Red).Line("12.50 Phase failure", 100, 200, 300, 216)
            .PlainReadings(300)
            .Read();

        Assert.Equal(["Agitator A-1 stalled", "Cooling water flow low", "2 pumps not ready", "12.50 Phase failure"], warnings);
    }

    [Fact]
    public void A_message_starting_with_a_sign_and_no_is_an_alarm_and_a_negation_beside_a_state_joins_nothing()
    {
        var (_, warnings) = new ScreenText()
            .Line("! No lubrication - pump fault", 20, 100, 260, 120)
            .Line("Pump 1 running", 20, 300, 150, 320).Line("No fault", 156, 300, 230, 320)
            .Read();

        Assert.Equal(["! No lubrication - pump fault"], warnings);
    }

    [Fact]
    public void An_alarm_tag_gives_way_to_the_message_written_beside_it()
    {
        var (_, warnings) = new ScreenText()
            .Fill(20, 450, 90, 470, Red).Line("ACTIVE ALARM", 20, 450, 90, 470)
            .Line("Compressor trip", 100, 450, 230, 470)
            .Read();

        Assert.Equal(["Compressor trip"], warnings);
    }

    [Fact]
    public void A_tag_with_a_letter_misread_is_still_a_tag()
    {
        // "ACTTVE ALARM" gives way to its message; a lone "ALARO" with no message beside it is no warning at all.
        var (_, warnings) = new ScreenText()
            .Fill(20, 450, 90, 470, Red).Line("ACTTVE ALARM", 20, 450, 90, 470)
            .Line("Compressor trip", 100, 450, 230, 470)
            .Fill(20, 520, 90, 540, Red).Line("ALARO", 20, 520, 90, 540)
            .Read();

        Assert.Equal(["Compressor trip"], warnings);
    }

    [Fact]
    public void A_tag_read_on_one_line_with_its_message_is_left_out_of_the_warning()
    {
        var (_, warnings) = new ScreenText()
            .Fill(20, 450, 400, 470, Red).Line("ACTIVE ALARM Door interlock open - Cell 2", 20, 450, 400, 470)
            .Fill(20, 500, 400, 520, Red).Line("HIGH TEMP ALARM", 20, 500, 200, 520)
            .PlainReadings(top: 100)
            .Read();

        Assert.Equal(["Door interlock open - Cell 2", "HIGH TEMP ALARM"], warnings);
    }

    [Fact]
    public void A_tag_in_thin_coloured_letters_or_before_a_message_in_capitals_makes_it_a_warning()
    {
        // Amber strokes colour a tenth of the tag's box; the second tag is not coloured at all. A list heading and a
        // button after a tag are not messages.
        var (_, warnings) = new ScreenText()
            .Fill(20, 450, 36, 460, Amber).Line("STORUNG", 20, 450, 120, 470)
            .Line("OVERLOAD", 130, 450, 230, 470)
            .Line("ACTIVE ALARM COMMUNICATION LOSS", 20, 500, 300, 520)
            .Line("HEATING TRIP ALARM READY", 20, 550, 300, 570)
            .Line("ALARMS (3) ACK ALL", 320, 550, 480, 570).Line("ALARM Reset", 500, 550, 600, 570)
            .PlainReadings(top: 100)
            .Read();

        Assert.Equal(["OVERLOAD", "COMMUNICATION LOSS"], warnings);
    }

    [Fact]
    public void A_banner_that_starts_with_a_unit_word_is_a_warning()
    {
        var (_, warnings) = new ScreenText()
            .Fill(20, 100, 600, 130, Red).Line("pH HIGH", 30, 104, 110, 126)
            .PlainReadings(top: 200)
            .Read();

        Assert.Equal(["pH HIGH"], warnings);
    }

    [Fact]
    public void A_tag_read_after_its_message_adds_nothing()
    {
        // OCR handed the message over first; the tag is a single word in capitals, red.
        var (_, warnings) = new ScreenText()
            .Line("Conductivity high", 130, 509, 300, 525)
            .Fill(26, 509, 126, 525, Red).Line("STÖRUNG", 26, 509, 126, 525)
            .Read();

        Assert.Equal(["Conductivity high"], warnings);
    }

    [Fact]
    public void On_an_alarm_list_only_rows_whose_state_is_active_are_warnings_and_none_of_its_numbers_are_readings()
    {
        var (values, warnings) = new ScreenText(1280, 720)
            .Line("19.10.2024 08:15:52.585 E2478 CRITICAL CLEARED Gas detector GD-5 alarm", 14, 47, 680, 63)
            .Line("19.10.2024 03:40:31.699 A5659 CRITICAL ACTIVE Door interlock open – Cell 2", 14, 167, 726, 183)
            .Line("19.10.2024 02:47:13.824 EV INFO EVENT Recipe B-17 loaded", 14, 184, 636, 200)
            .Line("19.10.2024 01:45:34.273 A9130 MEDIUM ACTIVE UPS on battery", 14, 218, 600, 234)
            .Line("Supply Voltage: 411.0 V", 14, 337, 230, 353)
            .Read();

        Assert.Equal(["Door interlock open – Cell 2", "UPS on battery"], warnings);
        Assert.Equal([("Supply Voltage", 411.0, "V")], values.Select(v => (v.Name, v.Value, v.Unit)));
    }

    [Fact]
    public void A_row_returned_to_normal_but_unacknowledged_with_its_state_spaced_at_the_slash_is_no_warning()
    {
        // Cells as read from a rendered alarm summary: the recogniser spaced "RTN/UNACK" after its slash.
        var (_, warnings) = new ScreenText(1280, 720)
            .Line("2024-08-11 21:42:24", 14, 178, 175, 198).Line("W7950", 289, 178, 332, 198).Line("CRITICAL", 419, 178, 487, 198)
            .Line("Low water cut-off", 562, 178, 711, 197).Line("RTN/ UNACK", 1048, 178, 1131, 198, 0.95)
            .Line("2024-08-11 17:16:50", 14, 334, 175, 354).Line("E9885", 289, 334, 332, 354).Line("HIGH", 419, 334, 453, 354)
            .Line("Door open", 565, 334, 641, 354).Line("ACT/ACK", 1051, 334, 1110, 354)
            .Read();

        Assert.Equal(["Door open"], warnings);
    }

    [Fact]
    public void An_alarm_journal_row_returned_to_normal_or_logged_by_an_operator_is_neither_a_warning_nor_a_reading()
    {
        // Cells as the detector boxes them: time, code, message and a state written out in lower case.
        var (values, warnings) = new ScreenText(1024, 600)
            .Line("2024-08-11 22:57:32", 12, 237, 143, 253).Line("W5081", 237, 237, 283, 252)
            .Line("Encoder fault axis 2", 350, 236, 473, 253).Line("Returned to normal", 774, 237, 892, 252)
            .Line("2024-08-11 22:08:31", 13, 258, 142, 271).Line("A1002", 237, 256, 283, 273)
            .Line("Conveyor 3 jam", 350, 256, 450, 273).Line("Operator", 773, 257, 833, 273)
            .Line("2024-08-11 21:40:02", 13, 278, 142, 293).Line("A2290", 237, 277, 283, 294)
            .Line("Pump 2 overload", 350, 277, 460, 294).Line("Active", 773, 278, 818, 294)
            .Read();

        Assert.Equal(["Pump 2 overload"], warnings);
        Assert.Empty(values);
    }

    [Fact]
    public void A_message_in_capitals_that_starts_with_operator_is_still_active()
    {
        var (_, warnings) = new ScreenText(1280, 720)
            .Line("19.10.2024 08:15:52.585 E2478 MEDIUM ACT/UNACK OPERATOR DOOR OPEN", 14, 47, 680, 63)
            .Line("19.10.2024 08:10:02.101 E2311 LOW CLEARED Filter clogged", 14, 67, 600, 83)
            .Read();

        Assert.Equal(["OPERATOR DOOR OPEN"], warnings);
    }

    [Fact]
    public void A_table_of_active_alarms_reports_each_message_and_not_the_history_below_it()
    {
        var (_, warnings) = new ScreenText(1024, 600)
            .Line("MEDIUM", 30, 110, 80, 124).Line("2024-08-10 10:12:23", 164, 110, 276, 124).Line("A2116", 393, 110, 428, 124)
            .Line("Hydraulic oil temperature high", 486, 110, 660, 124).Line("Unacknowledged", 829, 110, 922, 124)
            .Line("CRITICAL", 30, 133, 84, 147).Line("2024-08-10 09:37:58", 164, 133, 276, 147).Line("W8150", 393, 133, 431, 147)
            .Line("HIGH TEMP ALARM", 486, 133, 600, 147).Line("Acknowledged", 829, 133, 908, 147)
            .Line("2024-08-10 11:36:04", 14, 228, 126, 242).Line("E3847", 326, 228, 361, 242)
            .Line("Fire panel fault", 467, 228, 546, 242).Line("Cleared", 886, 228, 928, 242)
            .Read();

        Assert.Equal(["Hydraulic oil temperature high", "HIGH TEMP ALARM"], warnings);
    }
}
