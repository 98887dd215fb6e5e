namespace Airgap.Analytics.Logs;

/// <summary>
/// Picks a header format for a log given without one: the first of a few common shapes whose fields look right
/// (a date is a date, a level is a level) on nearly every sample line; else the whole line is the content.
/// </summary>
internal static class FormatDetector
{
    /// <summary>Share of the non-empty sample lines a shape must fit.</summary>
    private const double Quorum = 0.9;

    // Most specific first: a shape with more checked fields wins over one that would also fit.
    private static readonly LogFormat[] Shapes =
    [
        LogFormat.Parse(@"<Date> <Time> - <Level>  \[<Thread>\] - <Content>"),
        LogFormat.Parse(@"<Date> <Time> <Level> \[<Thread>\] <Component>: <Content>"),
        LogFormat.Parse(@"<Date> <Time> <Pid> <Level> <Component>: <Content>"),
        LogFormat.Parse(@"<Date> <Time> <Level> <Component>: <Content>"),
        LogFormat.Parse(@"<Date> <Time> \[<Level>\] <Content>"),
        LogFormat.Parse(@"<Date> <Time> <Level> <Content>"),
        LogFormat.Parse(@"<Month> <Day> <Time> <Host> <Component>(\[<Pid>\])?: <Content>"),
        LogFormat.Parse(@"\[<Time>\] \[<Level>\] <Content>"),
    ];

    private static readonly HashSet<string> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR", "SEVERE", "FATAL", "CRITICAL", "CRIT",
        "ALERT", "EMERG", "FINE", "FINER", "FINEST", "CONFIG", "VERBOSE",
    };

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
        { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    public static LogFormat Detect(IReadOnlyList<string> sampleLines)
    {
        var lines = sampleLines.Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        if (lines.Length == 0) return LogFormat.ContentOnly;
        foreach (var shape in Shapes)
        {
            var fits = lines.Count(l => Fits(shape, l));
            if (fits >= Quorum * lines.Length) return shape;
        }
        return LogFormat.ContentOnly;
    }

    private static bool Fits(LogFormat shape, string line)
    {
        var parsed = shape.ParseLine(line);
        if (!parsed.Matched) return false;
        for (var i = 0; i < shape.Fields.Count; i++)
        {
            var value = parsed.Fields[i] ?? "";
            var ok = shape.Fields[i] switch
            {
                "Date" => value.Length >= 6 && value.Any(char.IsDigit) && value.All(c => char.IsDigit(c) || c is '-' or '/' or '.'),
                "Time" => value.Any(char.IsDigit) && value.Contains(':'),
                "Level" => Levels.Contains(value),
                "Month" => Months.Contains(value),
                "Day" => value.Length is 1 or 2 && value.All(char.IsDigit),
                "Pid" => value.Length > 0 && value.All(char.IsDigit),
                _ => true,
            };
            if (!ok) return false;
        }
        return true;
    }
}
