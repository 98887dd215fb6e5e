using System.Text.Json;
using System.Text.RegularExpressions;

namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// The ordered rules that answer when no model does: a site's own rules file first, then the shipped defaults
/// (equipment, OS, network, database, then level keywords). The first rule that matches a template's example line
/// or its text gives the analysis; nothing matching is an info-level "no rule matched".
/// </summary>
public sealed class LogRuleSet
{
    /// <summary>How long one pattern may run on one text before it counts as not matching.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const string ShippedResource = "Airgap.Analytics.LogAnalysis.DefaultLogRules.json";

    private LogRuleSet(IReadOnlyList<LogRule> rules, int userRuleCount)
    {
        Rules = rules;
        UserRuleCount = userRuleCount;
    }

    /// <summary>Every rule in the order it is tried.</summary>
    public IReadOnlyList<LogRule> Rules { get; }

    /// <summary>How many of <see cref="Rules"/> came from the site's rules file (they come first).</summary>
    public int UserRuleCount { get; }

    /// <summary>The analysis when no rule matches.</summary>
    public static TemplateAnalysis NoMatch { get; } = new(LogAnalysisVocabulary.Info, LogAnalysisVocabulary.Software,
        "no rule matched this message", "none needed unless it repeats unexpectedly; add a rule to the rules file to classify it",
        LogAnalysisVocabulary.FromRules);

    /// <summary>The shipped rules alone.</summary>
    public static LogRuleSet Shipped { get; } = new(ReadShipped(), 0);

    /// <summary>The rules of <paramref name="userRulesPath"/> (null: none) before the shipped ones; throws <see cref="LogRulesException"/>.</summary>
    public static LogRuleSet Load(string? userRulesPath)
    {
        if (string.IsNullOrEmpty(userRulesPath)) return Shipped;
        string text;
        try
        {
            text = File.ReadAllText(userRulesPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LogRulesException($"rules file {userRulesPath}: cannot be read: {e.Message}");
        }
        var user = Parse(text, $"rules file {userRulesPath}");
        return new LogRuleSet([.. user, .. Shipped.Rules], user.Count);
    }

    /// <summary>Parses a rules file's text; <paramref name="origin"/> starts every error message.</summary>
    public static IReadOnlyList<LogRule> Parse(string json, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new LogRulesException($"{origin}: is not valid JSON: {e.Message.Split(" Path:", 2)[0]}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rules", out var inner)) root = inner;
            if (root.ValueKind != JsonValueKind.Array)
                throw new LogRulesException($"{origin}: must be a JSON list of rules (or an object with a \"rules\" list)");
            var rules = new List<LogRule>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                rules.Add(ParseRule(element, $"{origin}: rule [{index}]"));
                index++;
            }
            return rules;
        }
    }

    /// <summary>The first matching rule's analysis for a template, else <see cref="NoMatch"/>.</summary>
    public TemplateAnalysis Analyze(string template, string example)
    {
        foreach (var rule in Rules)
            if (rule.Matches(example) || rule.Matches(template)) return rule.Analysis;
        return NoMatch;
    }

    private static LogRule ParseRule(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new LogRulesException($"{where}: must be an object");
        var known = new HashSet<string>(StringComparer.Ordinal) { "pattern", "severity", "category", "likely_cause", "suggested_action" };
        foreach (var property in element.EnumerateObject())
            if (!known.Contains(property.Name))
                throw new LogRulesException($"{where}: unknown field '{property.Name}' (fields: {string.Join(", ", known)})");
        var pattern = Required(element, "pattern", where);
        var severity = OneOf(Required(element, "severity", where), LogAnalysisVocabulary.Severities, "severity", where);
        var category = OneOf(Required(element, "category", where), LogAnalysisVocabulary.Categories, "category", where);
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new LogRulesException($"{where}: pattern is not a valid regular expression: {e.Message}");
        }
        return new LogRule(regex, severity, category, Required(element, "likely_cause", where), Required(element, "suggested_action", where));
    }

    private static string Required(JsonElement rule, string field, string where)
    {
        if (!rule.TryGetProperty(field, out var value)) throw new LogRulesException($"{where}: {field} is missing");
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw new LogRulesException($"{where}: {field} must be a non-empty string");
        return value.GetString()!;
    }

    private static string OneOf(string value, IReadOnlyList<string> allowed, string field, string where) =>
        allowed.Contains(value) ? value : throw new LogRulesException($"{where}: {field} '{value}' is not one of {string.Join(", ", allowed)}");

    private static List<LogRule> ReadShipped()
    {
        using var stream = typeof(LogRuleSet).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"the shipped rules resource {ShippedResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return [.. Parse(reader.ReadToEnd(), "shipped rules")];
    }
}
