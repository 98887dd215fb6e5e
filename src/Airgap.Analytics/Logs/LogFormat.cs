namespace Airgap.Analytics.Logs;

/// <summary>
/// A log header format in the Loghub syntax (`&lt;Date&gt; &lt;Time&gt; &lt;Level&gt; &lt;Component&gt;: &lt;Content&gt;`): fields are
/// matched lazily as Loghub's own regular expressions do, a run of spaces matches any whitespace, `\[` is a literal
/// and `( … )?` an optional group. Matching is a small backtracking walk over the line, no Regex on the hot path.
/// </summary>
public sealed class LogFormat
{
    private readonly FormatElement _first;
    private readonly int _contentSlot;

    private LogFormat(string text, FormatElement first, IReadOnlyList<string> fields)
    {
        Text = text;
        _first = first;
        Fields = fields;
        _contentSlot = fields.Count; // Content is kept apart from the header fields
    }

    /// <summary>The format as written.</summary>
    public string Text { get; }

    /// <summary>The header fields in order, without Content.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The format that takes every line whole as content (no header).</summary>
    public static LogFormat ContentOnly { get; } = Parse("<Content>");

    /// <summary>Parses a Loghub format; throws ArgumentException naming the problem when it is not one.</summary>
    public static LogFormat Parse(string loghubFormat)
    {
        ArgumentNullException.ThrowIfNull(loghubFormat);
        var names = new List<string>();
        var first = FormatSyntax.Parse(loghubFormat, names);
        if (!names.Contains("Content"))
            throw new ArgumentException($"log format '{loghubFormat}' has no <Content> field: the message part must be named");
        if (names.Count(n => n == "Content") > 1)
            throw new ArgumentException($"log format '{loghubFormat}' names <Content> more than once");
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ArgumentException($"log format '{loghubFormat}' names the field <{dup.Key}> more than once");
        var fields = names.Where(n => n != "Content").ToArray();
        FormatSyntax.AssignSlots(first, fields);
        return new LogFormat(loghubFormat, first, fields);
    }

    /// <summary>
    /// Picks the common header shape that matches most of <paramref name="sampleLines"/> (at least 90% of the
    /// non-empty ones), else the whole line is the content.
    /// </summary>
    public static LogFormat Detect(IReadOnlyList<string> sampleLines) => FormatDetector.Detect(sampleLines);

    /// <summary>Splits a line into header fields and content; a line that does not match keeps the whole line as content.</summary>
    public ParsedLogLine ParseLine(string line)
    {
        Span<Range> ranges = stackalloc Range[Fields.Count + 1];
        if (!TryMatch(line, ranges))
            return new ParsedLogLine(false, new string?[Fields.Count], line);
        var values = new string?[Fields.Count];
        for (var i = 0; i < values.Length; i++) values[i] = line[ranges[i]];
        return new ParsedLogLine(true, values, line[ranges[_contentSlot]]);
    }

    /// <summary>
    /// The message part of <paramref name="line"/> (the whole line when it does not match), without allocating;
    /// <paramref name="ranges"/> is scratch space of length Fields.Count + 1 and holds the fields' ranges after a match.
    /// </summary>
    public ReadOnlySpan<char> Content(ReadOnlySpan<char> line, Span<Range> ranges) =>
        TryMatch(line, ranges) ? line[ranges[_contentSlot]] : line;

    /// <summary>
    /// Matches a line without allocating: <paramref name="ranges"/> (length Fields.Count + 1) receives each header
    /// field's range, then the content's. Fields of an optional group that did not match get an empty range.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        if (ranges.Length < Fields.Count + 1) throw new ArgumentException("one range per field plus the content is needed", nameof(ranges));
        ranges[..(Fields.Count + 1)].Fill(default);
        return FormatMatcher.Match(_first, line, ranges);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
