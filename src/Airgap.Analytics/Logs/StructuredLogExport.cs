namespace Airgap.Analytics.Logs;

/// <summary>
/// A log file's structured form in Loghub's shape: `LineId,EventId,EventTemplate`, the header fields, then `Content`,
/// one row per record (LineId from 1), quoted by RFC 4180. Two passes over the file: the first mines every line, the
/// second writes each line with its template as it stands at the end, so a line mined early carries the same
/// template as the lines that refined it later.
/// </summary>
public static class StructuredLogExport
{
    /// <summary>Writes the structured form of <paramref name="path"/> to <paramref name="output"/>; returns the miner (for its templates).</summary>
    public static TemplateMiner Write(string path, LogFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        var ranges = new Range[format.Fields.Count + 1];
        var miner = new TemplateMiner();
        var assigned = new List<int>();
        foreach (var line in LogFile.Records(path))
        {
            assigned.Add(miner.Add(format.Content(line, ranges)).Id);
            if ((assigned.Count & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }

        // Each template's final id and quoted text, computed once rather than per line.
        var templates = miner.Templates.ToDictionary(t => t.Id, t => LoghubCsv.Quoted(t.Text));
        output.Write("LineId,EventId,EventTemplate");
        foreach (var field in format.Fields) { output.Write(','); LoghubCsv.WriteField(output, field); }
        output.Write(",Content\n");

        var row = 0;
        foreach (var line in LogFile.Records(path))
        {
            if (row == assigned.Count) throw new IOException($"{path}: the file grew while it was being read");
            var id = miner.Resolve(assigned[row]);
            output.Write(++row);
            output.Write(",E");
            output.Write(id);
            output.Write(',');
            output.Write(templates[id]);
            var matched = format.TryMatch(line, ranges);
            for (var i = 0; i <= format.Fields.Count; i++)
            {
                output.Write(',');
                if (matched) LoghubCsv.WriteField(output, line.AsSpan()[ranges[i]]);
                else if (i == format.Fields.Count) LoghubCsv.WriteField(output, line);
            }
            output.Write('\n');
            if ((row & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        if (row != assigned.Count) throw new IOException($"{path}: the file changed while it was being read");
        return miner;
    }
}
