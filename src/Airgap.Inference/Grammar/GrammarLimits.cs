namespace Airgap.Inference.Grammar;

/// <summary>
/// Bounds on the grammar one request can make, so a schema can neither make llama.cpp refuse its grammar nor stall
/// the decode loop. A request beyond a bound is refused naming the schema keyword; see docs/api.md.
/// </summary>
public sealed record GrammarLimits
{
    /// <summary>The limits every endpoint uses.</summary>
    public static GrammarLimits Default { get; } = new();

    /// <summary>Largest <c>minItems</c>, <c>minLength</c> or quantifier count a schema may ask for (llama.cpp refuses above 2,000).</summary>
    public int MaxRepetitions { get; init; } = 1000;

    /// <summary>Sum of all repetition counts in one grammar: llama.cpp expands each count into that many rules.</summary>
    public int MaxTotalRepetitions { get; init; } = 32768;

    /// <summary>Most values in one <c>enum</c>, and most alternatives in one <c>anyOf</c>/<c>oneOf</c>.</summary>
    public int MaxEnumValues { get; init; } = 1024;

    /// <summary>Deepest nesting of schemas (through properties, items, unions and references).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most grammar rules one schema may turn into.</summary>
    public int MaxRules { get; init; } = 4096;

    /// <summary>Longest grammar, in characters, generated or supplied directly as GBNF.</summary>
    public int MaxGrammarChars { get; init; } = 128 * 1024;

    /// <summary>Longest <c>pattern</c> regular expression.</summary>
    public int MaxPatternChars { get; init; } = 512;
}
