using System.Globalization;
using System.Text;
using Airgap.Inference.Errors;

namespace Airgap.Inference.Grammar;

/// <summary>
/// Turns a JSON-schema <c>pattern</c> into GBNF for the string's content: a conservative regular-expression subset
/// (literals, <c>.</c>, classes, <c>\d \w \s</c>, groups, <c>|</c>, quantifiers); anything else is refused. Every
/// character it allows needs no JSON escape, so the text between the quotes is the string itself.
/// </summary>
internal sealed class PatternGrammar
{
    /// <summary>How far an open quantifier (<c>*</c>, <c>+</c>, <c>{n,}</c>) may repeat: strings stay bounded.</summary>
    public const int OpenRepetitions = 64;

    private const string Unsafe = "\\x00-\\x1F\\x22\\x5C\\x7F";
    private readonly string _pattern;
    private readonly string _field;
    private readonly Action<int> _repeat;
    private readonly Func<string, string> _rule;
    private int _at;

    private PatternGrammar(string pattern, string field, Action<int> repeat, Func<string, string> rule)
    {
        _pattern = pattern;
        _field = field;
        _repeat = repeat;
        _rule = rule;
    }

    /// <summary>
    /// GBNF for the content of a string fully matching <paramref name="pattern"/>; <paramref name="repeat"/> is told
    /// each repetition count and <paramref name="rule"/> turns a group into a rule of its own.
    /// </summary>
    public static string Compile(string pattern, string field, GrammarLimits limits, Action<int> repeat, Func<string, string> rule)
    {
        if (pattern.Length > limits.MaxPatternChars) throw new InvalidRequestException(field, $"is longer than {limits.MaxPatternChars} characters");
        // A generated string that matches the whole pattern also contains a match, so anchors change nothing here.
        var body = pattern;
        if (body.StartsWith('^')) body = body[1..];
        if (body.EndsWith('$') && !body.EndsWith("\\$", StringComparison.Ordinal)) body = body[..^1];
        var parser = new PatternGrammar(body, field, repeat, rule);
        var expression = parser.Alternation();
        if (parser._at < body.Length) throw parser.Refuse($"unexpected '{body[parser._at]}'");
        return expression;
    }

    private string Alternation()
    {
        var branches = new List<string> { Sequence() };
        while (Peek('|'))
        {
            _at++;
            branches.Add(Sequence());
        }
        return branches.Count == 1 ? branches[0] : string.Join(" | ", branches);
    }

    private string Sequence()
    {
        var items = new List<string>();
        while (_at < _pattern.Length && !Peek('|') && !Peek(')'))
            items.Add(Quantified(Atom()));
        return items.Count == 0 ? "\"\"" : string.Join(" ", items);
    }

    private string Atom()
    {
        var c = _pattern[_at++];
        switch (c)
        {
            case '(':
                if (Peek('?'))
                {
                    if (_at + 1 >= _pattern.Length || _pattern[_at + 1] != ':') throw Refuse("lookarounds, named groups and inline flags are not supported");
                    _at += 2;
                }
                var inner = Alternation();
                if (!Peek(')')) throw Refuse("a group is not closed");
                _at++;
                // llama.cpp multiplies the counts of quantifiers nested in one rule and refuses a product of 2,000;
                // a group of its own keeps a count inside it from multiplying the one outside.
                return _rule(inner);
            case '[': return Class();
            case '.': return $"[^{Unsafe}]";
            case '\\': return Escape(inClass: false);
            case '^' or '$': throw Refuse("anchors are supported only at the start and end");
            case '*' or '+' or '?' or '{' or ')' or ']' or '}' or '|': throw Refuse($"'{c}' has nothing to apply to");
            default: return Literal(c);
        }
    }

    private string Quantified(string atom)
    {
        if (_at >= _pattern.Length) return atom;
        int min, max;
        switch (_pattern[_at])
        {
            case '*': (min, max) = (0, OpenRepetitions); _at++; break;
            case '+': (min, max) = (1, OpenRepetitions); _at++; break;
            case '?': (min, max) = (0, 1); _at++; break;
            case '{': (min, max) = Braces(); break;
            default: return atom;
        }
        if (Peek('?')) _at++; // lazy matches the same strings when the whole string must match
        if (Peek('+')) throw Refuse("possessive quantifiers are not supported");
        if (Peek('*') || Peek('{')) throw Refuse("a quantifier cannot follow a quantifier");
        _repeat(max);
        return $"{atom}{{{min},{max}}}";
    }

    private (int Min, int Max) Braces()
    {
        var close = _pattern.IndexOf('}', _at);
        if (close < 0) throw Refuse("'{' is not closed");
        var text = _pattern[(_at + 1)..close];
        _at = close + 1;
        var parts = text.Split(',');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
            throw Refuse($"'{{{text}}}' is not a repetition count");
        if (parts.Length == 1) return (min, min);
        if (parts[1].Length == 0) return (min, min + OpenRepetitions);
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max < min)
            throw Refuse($"'{{{text}}}' is not a repetition count");
        return (min, max);
    }

    private string Class()
    {
        var negated = Peek('^');
        if (negated) _at++;
        var ranges = new List<(int From, int To)>();
        var first = true;
        while (_at < _pattern.Length && (_pattern[_at] != ']' || first))
        {
            first = false;
            var from = ClassMember(ranges);
            if (from < 0) continue;
            if (Peek('-') && _at + 1 < _pattern.Length && _pattern[_at + 1] != ']')
            {
                _at++;
                var to = ClassMember(ranges);
                if (to < from) throw Refuse("a class range runs backwards or uses a shorthand");
                ranges.Add((from, to));
            }
            else ranges.Add((from, from));
        }
        if (!Peek(']')) throw Refuse("a class is not closed");
        _at++;
        if (negated) return $"[^{Render(ranges)}{Unsafe}]";
        var safe = ranges.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Where(IsSafe).Distinct().Order().ToList();
        if (safe.Count == 0) throw Refuse("a class allows only characters a JSON string must escape");
        return $"[{Render(Runs(safe))}]";
    }

    // A single character of a class, or -1 after adding a shorthand (\d, \w, \s) to the ranges itself.
    private int ClassMember(List<(int From, int To)> ranges)
    {
        var c = _pattern[_at++];
        if (c != '\\') return c;
        if (_at >= _pattern.Length) throw Refuse("the pattern ends in '\\'");
        var e = _pattern[_at++];
        switch (e)
        {
            case 'd': ranges.Add(('0', '9')); return -1;
            case 'w': ranges.AddRange([('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]); return -1;
            case 's': ranges.Add((' ', ' ')); return -1;
            default:
                if (char.IsAsciiLetterOrDigit(e)) throw Refuse($"'\\{e}' is not supported");
                return e;
        }
    }

    private string Escape(bool inClass)
    {
        if (_at >= _pattern.Length) throw Refuse("the pattern ends in '\\'");
        var e = _pattern[_at++];
        return e switch
        {
            'd' => "[0-9]",
            'w' => "[a-zA-Z0-9_]",
            // Only the space: other white space would need a JSON escape.
            's' => "[ ]",
            'D' => $"[^0-9{Unsafe}]",
            'W' => $"[^a-zA-Z0-9_{Unsafe}]",
            'S' => $"[^ {Unsafe}]",
            _ when char.IsAsciiLetterOrDigit(e) || inClass => throw Refuse($"'\\{e}' is not supported"),
            _ => Literal(e),
        };
    }

    private string Literal(char c) =>
        IsSafe(c) ? GbnfLiteral.Quoted(c.ToString()) : throw Refuse($"the character U+{(int)c:X4} would need a JSON escape");

    // Surrogates are halves of a character, never one a model writes; the rest needs no JSON escape.
    private static bool IsSafe(int c) => c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && !char.IsSurrogate((char)c);

    private static List<(int From, int To)> Runs(List<int> sorted)
    {
        var runs = new List<(int From, int To)>();
        foreach (var c in sorted)
        {
            if (runs.Count > 0 && runs[^1].To == c - 1) runs[^1] = (runs[^1].From, c);
            else runs.Add((c, c));
        }
        return runs;
    }

    private static string Render(IEnumerable<(int From, int To)> ranges)
    {
        var s = new StringBuilder();
        foreach (var (from, to) in ranges)
        {
            s.Append(Char(from));
            if (to != from) s.Append('-').Append(Char(to));
        }
        return s.ToString();
    }

    private static string Char(int c) => char.IsAsciiLetterOrDigit((char)c) ? ((char)c).ToString() : c <= 0xFF ? $"\\x{c:X2}" : $"\\u{c:X4}";

    private bool Peek(char c) => _at < _pattern.Length && _pattern[_at] == c;

    private InvalidRequestException Refuse(string problem) => new(_field, $"{problem} (supported: literals, '.', classes, \\d \\w \\s, groups, '|' and quantifiers)");
}
