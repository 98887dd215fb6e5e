namespace Airgap.Analytics.Logs;

/// <summary>
/// Backtracking match of a compiled format against one line, with Loghub's semantics (lazy fields, anchored at both
/// ends). A step budget bounds the work on lines that almost match, where backtracking would otherwise explode.
/// </summary>
internal static class FormatMatcher
{
    /// <summary>Steps one line may take before it is declared not to match.</summary>
    private const int StepBudget = 20_000;

    public static bool Match(FormatElement first, ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var budget = StepBudget;
        return Walk(first, line, 0, ranges, ref budget);
    }

    private static bool Walk(FormatElement? e, ReadOnlySpan<char> line, int pos, Span<Range> ranges, ref int budget)
    {
        if (--budget < 0) return false;
        switch (e!.Kind)
        {
            case FormatElementKind.End:
                return pos == line.Length;
            case FormatElementKind.GroupExit:
                return Walk(e.Body!.Next, line, pos, ranges, ref budget);
            case FormatElementKind.Literal:
                return line[pos..].StartsWith(e.Literal, StringComparison.Ordinal)
                       && Walk(e.Next, line, pos + e.Literal.Length, ranges, ref budget);
            case FormatElementKind.Whitespace:
            {
                var run = 0;
                while (pos + run < line.Length && char.IsWhiteSpace(line[pos + run])) run++;
                // \s+ is greedy: the longest run first, then shorter ones.
                for (var take = run; take >= 1; take--)
                    if (Walk(e.Next, line, pos + take, ranges, ref budget)) return true;
                return false;
            }
            case FormatElementKind.Optional:
                if (e.Body is not null && Walk(e.Body, line, pos, ranges, ref budget)) return true;
                foreach (var slot in e.BodySlots) ranges[slot] = default;
                return !e.Required && Walk(e.Next, line, pos, ranges, ref budget);
            case FormatElementKind.Field:
                return Field(e, line, pos, ranges, ref budget);
            default:
                return false;
        }
    }

    // `.*?`: the shortest field first, jumping straight to the places where the next step can start.
    private static bool Field(FormatElement e, ReadOnlySpan<char> line, int pos, Span<Range> ranges, ref int budget)
    {
        var next = e.Next!;
        if (next.Kind == FormatElementKind.End)
        {
            ranges[e.Slot] = pos..line.Length;
            return true;
        }
        for (var end = pos; end <= line.Length; end++)
        {
            if (next.Kind == FormatElementKind.Literal)
            {
                var at = line[end..].IndexOf(next.Literal, StringComparison.Ordinal);
                if (at < 0) return false;
                end += at;
            }
            else if (next.Kind == FormatElementKind.Whitespace)
            {
                var at = line[end..].IndexOfAny(" \t\r\f\v");
                if (at < 0) return false;
                end += at;
            }
            if (e.Slot >= 0) ranges[e.Slot] = pos..end;
            if (Walk(next, line, end, ranges, ref budget)) return true;
            if (budget < 0) return false;
        }
        return false;
    }
}
