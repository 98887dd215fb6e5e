using System.Text;

namespace Airgap.Analytics.Logs;

/// <summary>A log file read as records: one per non-blank line, in order, and the header format that splits them.</summary>
public static class LogFile
{
    /// <summary>Lines read to detect a header format when none is given.</summary>
    public const int DetectionSample = 200;

    /// <summary>The non-blank lines of <paramref name="path"/>, streamed (a file of any size is never held whole).</summary>
    public static IEnumerable<string> Records(string path)
    {
        using var reader = Open(path);
        while (reader.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line)) yield return line;
    }

    /// <summary><paramref name="given"/> parsed (ArgumentException naming the problem), or the format detected on the file's first lines.</summary>
    public static LogFormat FormatFor(string path, string? given) =>
        string.IsNullOrWhiteSpace(given) ? LogFormat.Detect(Records(path).Take(DetectionSample).ToList()) : LogFormat.Parse(given);

    private static StreamReader Open(string path)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"{path}: is a directory, not a log file");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 20);
    }
}
