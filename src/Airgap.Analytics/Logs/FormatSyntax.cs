namespace Airgap.Analytics.Logs;

/// <summary>Compiles the Loghub format syntax into linked <see cref="FormatElement"/>s.</summary>
internal static class FormatSyntax
{
    /// <summary>Returns the first step; <paramref name="names"/> receives every field name in order.</summary>
    public static FormatElement Parse(string format, List<string> names)
    {
        var pos = 0;
        var end = new FormatElement { Kind = FormatElementKind.End };
        var (first, _) = Sequence(format, ref pos, names, end, depth: 0);
        if (pos != format.Length)
            throw new ArgumentException($"log format '{format}': unbalanced ')' at character {pos + 1}");
        return first;
    }

    /// <summary>Gives each field its slot: header fields in order, Content after them.</summary>
    public static void AssignSlots(FormatElement first, IReadOnlyList<string> fields)
    {
        var seen = new HashSet<FormatElement>();
        void Walk(FormatElement? e)
        {
            for (; e is not null && seen.Add(e); e = e.Next)
            {
                if (e.Kind == FormatElementKind.Field)
                    e.Slot = e.Name == "Content" ? fields.Count : IndexOf(fields, e.Name);
                if (e.Kind == FormatElementKind.Optional)
                {
                    Walk(e.Body);
                    e.BodySlots = FieldsOf(e.Body).Select(f => f.Slot).ToArray();
                }
            }
        }
        Walk(first);
    }

    private static IEnumerable<FormatElement> FieldsOf(FormatElement? from)
    {
        for (var e = from; e is not null && e.Kind != FormatElementKind.GroupExit; e = e.Next)
        {
            if (e.Kind == FormatElementKind.Field) yield return e;
            if (e.Kind == FormatElementKind.Optional)
                foreach (var f in FieldsOf(e.Body)) yield return f;
        }
    }

    private static int IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++) if (fields[i] == name) return i;
        return -1;
    }

    // Builds the steps up to the end of the format or a ')', all linked to `then`.
    private static (FormatElement First, FormatElement? Last) Sequence(string f, ref int pos, List<string> names, FormatElement then, int depth)
    {
        var steps = new List<FormatElement>();
        var literal = new System.Text.StringBuilder();
        void FlushLiteral()
        {
            if (literal.Length == 0) return;
            steps.Add(new FormatElement { Kind = FormatElementKind.Literal, Literal = literal.ToString() });
            literal.Clear();
        }
        while (pos < f.Length)
        {
            var c = f[pos];
            if (c == ')') break;
            if (c == ' ' || c == '\t')
            {
                FlushLiteral();
                while (pos < f.Length && (f[pos] == ' ' || f[pos] == '\t')) pos++;
                steps.Add(new FormatElement { Kind = FormatElementKind.Whitespace });
            }
            else if (c == '<')
            {
                var close = f.IndexOf('>', pos);
                var name = close < 0 ? "" : f[(pos + 1)..close];
                if (name.Length == 0 || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                    throw new ArgumentException($"log format '{f}': a field at character {pos + 1} is not a <Name> of letters, digits or '_'");
                FlushLiteral();
                names.Add(name);
                steps.Add(new FormatElement { Kind = FormatElementKind.Field, Name = name });
                pos = close + 1;
            }
            else if (c == '\\')
            {
                if (pos + 1 >= f.Length) throw new ArgumentException($"log format '{f}' ends with a lone '\\'");
                var escaped = f[pos + 1];
                if (char.IsLetterOrDigit(escaped))
                    throw new ArgumentException($"log format '{f}': '\\{escaped}' is not supported (escape only punctuation, e.g. \\[)");
                literal.Append(escaped);
                pos += 2;
            }
            else if (c == '(')
            {
                FlushLiteral();
                pos++;
                if (depth >= 8) throw new ArgumentException($"log format '{f}': groups nest deeper than 8");
                var group = new FormatElement { Kind = FormatElementKind.Optional };
                // The body ends in an exit step that continues after the group, whatever follows it.
                var exit = new FormatElement { Kind = FormatElementKind.GroupExit, Body = group };
                var (body, _) = Sequence(f, ref pos, names, exit, depth + 1);
                if (pos >= f.Length || f[pos] != ')') throw new ArgumentException($"log format '{f}': a '(' is never closed");
                pos++;
                group.Required = !(pos < f.Length && f[pos] == '?');
                if (!group.Required) pos++;
                group.Body = body;
                steps.Add(group);
            }
            else if ("*+?{}|^$.".Contains(c))
            {
                throw new ArgumentException($"log format '{f}': '{c}' at character {pos + 1} is a regular-expression operator this syntax does not take (escape it as \\{c} for the character)");
            }
            else
            {
                literal.Append(c);
                pos++;
            }
        }
        FlushLiteral();
        if (steps.Count == 0) return (then, null);
        for (var i = 0; i < steps.Count; i++) steps[i].Next = i + 1 < steps.Count ? steps[i + 1] : then;
        return (steps[0], steps[^1]);
    }
}
