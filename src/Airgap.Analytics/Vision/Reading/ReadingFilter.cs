using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// The last word on what is a reading: a number needs a label or a unit, a bare number labelled as a counter or
/// page ("Screen 9", "Batch 2291", "Active: 3") is not a measurement, nor is one under a column of limits ("LO / HI")
/// or a trend chart's heading.
/// </summary>
public static partial class ReadingFilter
{
    private static readonly HashSet<string> Counters = new(StringComparer.OrdinalIgnoreCase)
    {
        "screen", "page", "seite", "user", "shift", "schicht", "batch", "charge", "step", "schritt", "node", "id", "no", "nr", "#",
        "active", "unack", "unacked", "acked", "alarms", "alarme", "events", "version", "ver", "rev", "channel", "ch", "line", "linie", "cell", "zelle", "zone", "station",
        "store", "tank", "pump", "machine", "press", "unit", "loop", "bay", "total",
    };

    /// <summary>
    /// The label with header clutter cut away ("| User: ENG-3 | Screen" → "Screen") and the instrument tag in front of
    /// a description ("TT-204 Freezer Temp" → "Freezer Temp"); a tag alone is the label.
    /// </summary>
    public static string WithoutHeaderClutter(string label)
    {
        var bar = label.LastIndexOf('|');
        var text = (bar >= 0 ? label[(bar + 1)..] : label).Trim().TrimStart('•', '·', '-', '>', ':').Trim();
        return LeadingTag().Match(text) is { Success: true } tag && text[tag.Length..].Count(char.IsLetter) >= 3 ? text[tag.Length..] : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z]{2,4}(?:[-_.:]\d{2,}|\d{3,})[A-Z]?\s+(?=\p{L})")]
    private static partial System.Text.RegularExpressions.Regex LeadingTag();

    /// <summary>"1/min" is how OCR reads l/min as often as it is a speed: on a flow it is litres.</summary>
    public static string Unit(Piece value) =>
        value.Unit == "1/min" && FlowWords.Any(w => value.Label.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "l/min" : value.Unit;

    private static readonly string[] FlowWords = ["flow", "durchfluss", "débit", "debit", "fluss", "rate", "coolant", "water", "wasser"];

    /// <summary>Column headers of limits and ranges: the numbers under them bound a reading, they are not one.</summary>
    private static readonly HashSet<string> LimitHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "lo/hi", "hi/lo", "l/h", "low/high", "min/max", "range", "limits", "limit", "alarmlimits", "alarmlimit", "span",
        "bereich", "messbereich", "grenzwerte", "grenzen", "plage", "limites", "seuils", "rango", "intervallo",
    };

    /// <summary>
    /// A small whole number without a unit on the screen's first row of text is part of its title ("Kesselhaus 2",
    /// "Pumpstation Nord 1") or a clock's broken end, not a reading: nothing is read above it, and it is no bigger than
    /// the text around it (a controller's top reading, big digits over small captions, is one).
    /// </summary>
    public static bool InTitleRow(Piece value, List<Piece> pieces) =>
        value.Unit.Length == 0 && value.Shown.Length <= 2 && value.Shown.All(char.IsDigit)
        && !pieces.Any(p => p != value && p.Box.Y1 < value.Box.Y0)
        && value.Box.Height < 1.5f * Piece.MedianHeight(pieces.Where(p => p.Kind != PieceKind.Value).ToList());

    /// <summary>
    /// A handheld meter's selector dial: the ranges printed around the knob (V, mV, Ω, A, mA, °C, Hz) are units that
    /// no reading claims, and an Ω among them reads as 0. A number with two or more such units of its size close around
    /// it is a legend, not a reading, where the meter's own reading is far bigger than it (a table's row of units under
    /// its headers sits among readings of its own size).
    /// </summary>
    public static bool OnSelectorDial(Piece value, List<Piece> pieces)
    {
        var h = value.Box.Height;
        return pieces.Any(p => p.Kind == PieceKind.Value && p.Box.Height > 2.5f * h)
               && pieces.Count(p => p.Kind == PieceKind.Unit && !p.Used && p.Box.Height > 0.5f * h && p.Box.Height < 1.6f * h && Gap(p.Box, value.Box) < 3 * h) >= 2;
    }

    private static float Gap(PixelBox a, PixelBox b) =>
        MathF.Max(MathF.Max(a.X0 - b.X1, b.X0 - a.X1), MathF.Max(a.Y0 - b.Y1, b.Y0 - a.Y1));

    /// <summary>A date written with the month's name ("4 Oct 2025", "17Jul 2023") reads as a year labelled by the day and month.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{0,2}\.?\s*(jan|feb|f[ée]v|m[aä]r|apr|avr|ma[iy]|jun|juin|jul|juil|aug|ao[uû]|sep|o[ck]t|nov|de[cz]|d[ée]c)[a-zéû]*\.?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DayAndMonth();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(19|20)\d\d$")]
    private static partial System.Text.RegularExpressions.Regex Year();

    /// <summary>
    /// A gauge's scale number that did not step evenly with the others (misread, "343988"): it takes the tile's title
    /// from above as the gauge's big reading does, but without a unit and much smaller than that reading.
    /// </summary>
    public static bool UnderBiggerReading(Piece value, List<Piece> pieces) =>
        value.LabelFrom == "above" && value.Unit.Length == 0
        && pieces.Any(p => p != value && p.Kind == PieceKind.Value && p.LabelFrom == "above" && p.Label == value.Label && p.Box.Height >= 1.6f * value.Box.Height);

    /// <summary>
    /// A trend chart's title ("Trend - 1 h", "Verlauf") and the axis numbers under it: the chart shows readings, its
    /// heading is none.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\W*(trends?|verlauf|tendances?|historique|history|historie|chart|diagramm)\W*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ChartHeading();

    /// <summary>A chart's time span ("Last 30 min"); with another unit "Last" is a load (Last 78 %).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\W*(last|letzte[n]?|derni[eè]res?)\W*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex TimeSpan();

    private static bool LimitHeader(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && (LimitHeaders.Contains(string.Concat(words)) || LimitHeaders.Contains(words[^1]));
    }

    public static bool IsReading(Piece value)
    {
        if (value.Label.Length == 0 && value.Unit.Length == 0) return false;
        if (ChartHeading().IsMatch(value.Label) || TimeSpan().IsMatch(value.Label) && value.Unit is "s" or "min" or "h" or "d") return false;
        if (value.Unit.Length == 0 && Year().IsMatch(value.Shown) && DayAndMonth().IsMatch(value.Label)) return false;
        // A meter's RANGE caption over a reading with its unit names a mode, not a column of limits.
        if (value.LabelFrom == "above" && value.Unit.Length == 0 && LimitHeader(value.Label)) return false;
        if (value.Unit.Length > 0) return true;
        var last = value.Label.Split(' ', '-', '/').LastOrDefault(w => w.Length > 0)?.Trim(':', '#', '.') ?? "";
        return !Counters.Contains(last);
    }
}
