namespace Airgap.Analytics.Logs;

/// <summary>
/// Turns a message into the tokens the miner compares: split on whitespace, and every part that carries a digit
/// (numbers, IPs, hex, ids, durations, sizes), every path and every URL replaced by `&lt;*&gt;`. Works on spans into a
/// reusable buffer: no Regex, no allocation per line.
/// </summary>
internal static class LogMasker
{
    public const string Wildcard = "<*>";

    /// <summary>Writes the masked tokens of <paramref name="content"/>, one space apart, into <paramref name="buffer"/>; returns the length.</summary>
    public static int Mask(ReadOnlySpan<char> content, ref char[] buffer)
    {
        if (buffer.Length < content.Length * 3 + 8) buffer = new char[content.Length * 3 + 8];
        var o = 0;
        var i = 0;
        while (i < content.Length)
        {
            while (i < content.Length && IsSeparator(content, i)) i++;
            if (i >= content.Length) break;
            var start = i;
            while (i < content.Length && !IsSeparator(content, i)) i++;
            var token = content[start..i];
            // A unit after a value is part of it: "5.2 KB," and "300 ms" read as "<*>," and "<*>".
            if (o >= 3 && buffer.AsSpan(o - 3, 3).SequenceEqual(Wildcard) && UnitLength(token) is var unit and > 0)
            {
                foreach (var c in token[unit..]) buffer[o++] = c;
                continue;
            }
            if (o > 0) buffer[o++] = ' ';
            o = Token(token, buffer, o);
        }
        return o;
    }

    private static int Token(ReadOnlySpan<char> t, char[] b, int o)
    {
        var begin = o;
        if (IsPath(t)) return Write(b, o, Wildcard);
        var wildcards = 0;
        var letters = false;
        var i = 0;
        while (i < t.Length)
        {
            var c = t[i];
            if (!char.IsAsciiLetterOrDigit(c) && !(c > 127 && char.IsLetterOrDigit(c)))
            {
                b[o++] = c;
                i++;
                continue;
            }
            var j = i;
            var digit = false;
            while (j < t.Length && (char.IsAsciiLetterOrDigit(t[j]) || (t[j] > 127 && char.IsLetterOrDigit(t[j]))))
            {
                digit |= char.IsAsciiDigit(t[j]);
                j++;
            }
            if (!digit || IsDeviceName(t[i..j]))
            {
                t[i..j].CopyTo(b.AsSpan(o));
                o += j - i;
                letters = true;
            }
            else
            {
                // A sign belongs to its number: blk_-42 and blk_42 are the same template.
                if (o > begin && b[o - 1] is '-' or '+' && (o - 1 == begin || !char.IsAsciiLetterOrDigit(b[o - 2]))) o--;
                // Parts of one value (an IP and port, a date-time) collapse into one wildcard.
                var back = o;
                while (back > begin && b[back - 1] is '.' or ':' or '-' or '_' or '/' or ',') back--;
                if (back - begin >= 3 && b.AsSpan(back - 3, 3).SequenceEqual(Wildcard) && back < o) o = back;
                else if (!(o - begin >= 3 && b.AsSpan(o - 3, 3).SequenceEqual(Wildcard))) { o = Write(b, o, Wildcard); wildcards++; }
            }
            i = j;
        }
        // A value in brackets or quotes, with nothing else around it, is just a value.
        if (wildcards > 0 && !letters) return Write(b, begin, Wildcard);
        return o;
    }

    // Whitespace, and dot leaders ("illegal instruction......0"), which sit between a label and its value.
    private static bool IsSeparator(ReadOnlySpan<char> content, int i) =>
        char.IsWhiteSpace(content[i])
        || (content[i] == '.' && ((i + 1 < content.Length && content[i + 1] == '.') || (i > 0 && content[i - 1] == '.')));

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Units = new HashSet<string>(StringComparer.Ordinal)
    {
        "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB", "kB", "K", "M", "G", "bytes",
        "ns", "us", "µs", "ms", "s", "sec", "secs", "seconds", "min", "mins", "minutes", "h", "hrs", "hours",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    // The length of the unit a token starts with, when the rest of it is punctuation only; else 0.
    private static int UnitLength(ReadOnlySpan<char> token)
    {
        var letters = 0;
        while (letters < token.Length && char.IsLetter(token[letters])) letters++;
        if (letters == 0 || !Units.Contains(token[..letters])) return 0;
        foreach (var c in token[letters..])
            if (char.IsLetterOrDigit(c)) return 0;
        return letters;
    }

    // A name with a small index, such as eth0, sda1 or alt0, names a thing rather than carrying a value.
    private static bool IsDeviceName(ReadOnlySpan<char> run)
    {
        var letters = 0;
        while (letters < run.Length && char.IsAsciiLetter(run[letters])) letters++;
        var digits = run.Length - letters;
        return letters >= 2 && digits is 1 or 2 && !run[letters..].ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsPath(ReadOnlySpan<char> t) =>
        (t.Length > 1 && t[0] == '/' && t[1..].Contains('/')) || t.Contains("://", StringComparison.Ordinal)
        || (t.Length > 2 && char.IsAsciiLetter(t[0]) && t[1] == ':' && t[2] == '\\');

    private static int Write(char[] b, int o, string s)
    {
        s.CopyTo(b.AsSpan(o));
        return o + s.Length;
    }
}
