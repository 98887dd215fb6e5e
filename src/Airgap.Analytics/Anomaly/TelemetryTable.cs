using System.Globalization;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Readings from a CSV file: a header row, then one row per reading; the separator (`,` or `;`) is detected from the
/// header. Numeric columns are the features; a named column that is missing, or a value that is not a number, is
/// refused with its line and column.
/// </summary>
public sealed class TelemetryTable
{
    private TelemetryTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> cells, char separator)
    {
        Columns = columns;
        Cells = cells;
        Separator = separator;
    }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The data rows' cells (row i is the file's data row i + 1: blank lines are not rows).</summary>
    public IReadOnlyList<string[]> Cells { get; }

    /// <summary>The separator found in the header.</summary>
    public char Separator { get; }

    /// <summary>Reads <paramref name="path"/>; a blank line ends nothing and is skipped, a row of the wrong width is refused.</summary>
    public static TelemetryTable Read(string path)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"{path}: is a directory, not a CSV file");
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads CSV text; <paramref name="name"/> is what errors call the source.</summary>
    public static TelemetryTable Read(TextReader reader, string name)
    {
        var header = reader.ReadLine() ?? throw new ArgumentException($"{name}: is empty; a header row is needed");
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
        var columns = header.Split(separator).Select(c => c.Trim().Trim('"')).ToArray();
        var cells = new List<string[]>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var row = text.Split(separator);
            if (row.Length != columns.Length)
                throw new ArgumentException($"{name}: line {line} has {row.Length} columns, the header {columns.Length}");
            cells.Add(row);
        }
        return new TelemetryTable(columns, cells, separator);
    }

    /// <summary>The columns every row holds a number in, in order, leaving out <paramref name="except"/>.</summary>
    public IReadOnlyList<string> NumericColumns(IEnumerable<string> except)
    {
        var skip = new HashSet<string>(except, StringComparer.OrdinalIgnoreCase);
        return Columns.Where((c, i) => !skip.Contains(c) && Cells.Count > 0 && Cells.All(r => TryNumber(r[i], out _))).ToArray();
    }

    /// <summary>The values of <paramref name="features"/> in rows [<paramref name="skip"/>, skip + take), refusing a missing column or a non-number.</summary>
    public double[][] Features(IReadOnlyList<string> features, string name, int skip = 0, int take = int.MaxValue)
    {
        var indexes = features.Select(f =>
        {
            var i = Columns.ToList().FindIndex(c => c.Equals(f, StringComparison.OrdinalIgnoreCase));
            return i >= 0 ? i : throw new ArgumentException($"{name}: has no column '{f}' (columns: {string.Join(", ", Columns)})");
        }).ToArray();
        var rows = new List<double[]>();
        for (var r = skip; r < Cells.Count && rows.Count < take; r++)
        {
            var values = new double[indexes.Length];
            for (var k = 0; k < indexes.Length; k++)
                if (!TryNumber(Cells[r][indexes[k]], out values[k]))
                    throw new ArgumentException($"{name}: data row {r + 1}, column '{features[k]}': '{Cells[r][indexes[k]]}' is not a number");
            rows.Add(values);
        }
        return rows.ToArray();
    }

    /// <summary>A column read as 0/1 labels (any non-zero number is 1).</summary>
    public int[] Labels(string column, string name)
    {
        var i = Columns.ToList().FindIndex(c => c.Equals(column, StringComparison.OrdinalIgnoreCase));
        if (i < 0) throw new ArgumentException($"{name}: has no column '{column}'");
        return Cells.Select((r, n) => TryNumber(r[i], out var v) ? (v != 0 ? 1 : 0)
            : throw new ArgumentException($"{name}: data row {n + 1}, column '{column}': '{r[i]}' is not a number")).ToArray();
    }

    private static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
