using System.Text;

namespace Airgap.Analytics.Logs;

/// <summary>CSV in Loghub's shape, quoted by RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.</summary>
public static class LoghubCsv
{
    /// <summary>Writes one field, quoted when it must be.</summary>
    public static void WriteField(TextWriter output, ReadOnlySpan<char> field)
    {
        if (field.IndexOfAny(",\"\r\n") < 0) output.Write(field);
        else output.Write(Quoted(field));
    }

    /// <summary>The field as it stands in a CSV row: quoted, quotes doubled, when it holds a comma, quote, CR or LF.</summary>
    public static string Quoted(ReadOnlySpan<char> field) =>
        field.IndexOfAny(",\"\r\n") < 0 ? field.ToString() : $"\"{field.ToString().Replace("\"", "\"\"")}\"";

    /// <summary>Splits CSV text (RFC 4180, quoted fields may span lines) into rows of fields.</summary>
    public static IEnumerable<string[]> ReadRows(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            var c = (char)ch;
            any = true;
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
                any = false;
            }
            else field.Append(c);
        }
        if (any)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return fields.ToArray();
        }
    }
}
