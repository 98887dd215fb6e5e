using System.Text.Json;
using System.Text.RegularExpressions;
using Airgap.Inference.Grammar;

namespace Airgap.Inference.Tests;

public sealed class EnumRulesShareTheirPrefixes
{
    // Rules inlined as groups, literals as escaped text: the expression becomes a .NET regex to test values against.
    private static Regex AsRegex(IEnumerable<string> values)
    {
        var expression = EnumTrie.Expression(values, body => $"({body})");
        var pattern = Regex.Replace(expression, "\"((?:[^\"\\\\]|\\\\.)*)\"", m => Regex.Escape(Regex.Unescape(m.Groups[1].Value)));
        return new Regex($"^(?:{pattern})$", RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant);
    }

    [Fact]
    public void Exactly_the_values_match_including_prefixes_of_each_other()
    {
        string[] values = ["\"a\"", "\"ab\"", "\"abc\"", "\"b\"", "12", "1", "null", "\"sp ace\"", "\"é\"", "\"q\\\"uote\"", "\"\""];
        var rule = AsRegex(values);

        Assert.All(values, v => Assert.Matches(rule, v));
        foreach (var other in new[] { "\"ac\"", "\"abcd\"", "\"\"\"", "123", "", "nul", "\"sp\"", "\"a" })
            Assert.DoesNotMatch(rule, other);
    }

    [Fact]
    public void A_thousand_values_with_a_common_prefix_branch_only_where_they_differ()
    {
        var values = Enumerable.Range(0, 1000).Select(i => JsonSerializer.Serialize($"sensor-{i:D4}")).ToList();
        var rules = 0;

        var expression = EnumTrie.Expression(values, body => { rules++; return $"r{rules}"; });

        // One run "sensor-0" … then a rule per branching point, never a thousand flat alternatives at the top.
        Assert.StartsWith("\"\\\"sensor-0\" r", expression);
        Assert.InRange(rules, 1, 120);
        var rule = AsRegex(values);
        Assert.All(values, v => Assert.Matches(rule, v));
        Assert.DoesNotMatch(rule, "\"sensor-1000\"");
    }
}
