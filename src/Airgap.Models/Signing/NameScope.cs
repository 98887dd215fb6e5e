namespace Airgap.Models.Signing;

/// <summary>
/// The model names a trusted key may publish: glob patterns on family:tag ('*' any run, '?' one character), as
/// TUF delegates a path pattern to a key. An empty scope allows every name.
/// </summary>
public sealed class NameScope
{
    private const int MaxPatterns = 64;
    private const int MaxPatternLength = 129;

    private NameScope(IReadOnlyList<string> patterns) => Patterns = patterns;

    /// <summary>Allows every name: a key trusted without --names.</summary>
    public static NameScope Any { get; } = new([]);

    /// <summary>The patterns, in the order given; empty for <see cref="Any"/>.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>True when the key may publish any name.</summary>
    public bool AllowsAny => Patterns.Count == 0;

    /// <summary>Parses a comma-separated list such as 'llama3.2:*,qwen3:*'; '*' alone means every name.</summary>
    public static NameScope Parse(string text)
    {
        var patterns = text.Split(',', StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToList();
        if (patterns.Count > MaxPatterns) throw new SigningException($"--names lists {patterns.Count} patterns (at most {MaxPatterns})");
        foreach (var pattern in patterns)
        {
            if (pattern.Length == 0) throw new SigningException($"--names '{text}' has an empty pattern");
            if (pattern.Length > MaxPatternLength || !pattern.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '*' or '?'))
                throw new SigningException($"--names pattern '{pattern}' may hold only letters, digits, '.', '_', '-', ':', '*' and '?'");
        }
        return patterns.Contains("*") ? Any : new NameScope(patterns.Distinct().ToList());
    }

    /// <summary>True when <paramref name="name"/> (family:tag) matches one of the patterns.</summary>
    public bool Allows(string name) => AllowsAny || Patterns.Any(p => Matches(p, name));

    /// <summary>The comma-separated form, '*' for <see cref="Any"/>.</summary>
    public override string ToString() => AllowsAny ? "*" : string.Join(",", Patterns);

    // Iterative glob match with one back-track point: linear in practice, no regex, no catastrophic cases.
    private static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = t; }
            else if (star >= 0) { p = star + 1; t = ++resume; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
