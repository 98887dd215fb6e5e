using System.Globalization;
using System.Reflection;

namespace Airgap.Server.Hosting;

/// <summary>
/// Every configuration key of <see cref="AirgapOptions"/>, found by reflection so a property added to a bound type is
/// a key at once, plus the older airgap.json names (`num_parallel`) and Ollama-style names that still work.
/// </summary>
public sealed class SettingCatalog
{
    private static readonly (string Alias, string Key, Func<string, string?>? Convert)[] Aliases =
    [
        ("watch_interval_seconds", "WatchInterval", Seconds),
        ("pack_sources", "PackSources", null),
        ("api_keys", "ApiKeys", null),
        ("num_parallel", "Inference:Parallel", null),
        ("num_ctx", "Inference:ContextLength", null),
        ("num_thread", "Inference:Threads", null),
        ("prompt_chunk", "Inference:PromptChunk", null),
        ("max_loaded", "Inference:MaxLoadedModels", null),
        ("max_queue", "Inference:MaxQueue", null),
        ("memory_budget_mb", "Inference:MemoryBudgetBytes", Mebibytes),
        ("keep_alive_seconds", "Inference:DefaultKeepAlive", KeepAliveSeconds),
        ("Inference:NumParallel", "Inference:Parallel", null),
        ("Inference:NumCtx", "Inference:ContextLength", null),
        ("Inference:NumThread", "Inference:Threads", null),
        ("Inference:NumQueue", "Inference:MaxQueue", null),
        ("analytics:log_model", "Analytics:LogModel", null),
        ("analytics:classify_model", "Analytics:ClassifyModel", null),
        ("analytics:autocomplete_model", "Analytics:AutocompleteModel", null),
        ("analytics:embedding_model", "Analytics:EmbeddingModel", null),
    ];

    private readonly Dictionary<string, PropertyInfo> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _sections = new(StringComparer.OrdinalIgnoreCase) { "" };

    private SettingCatalog()
    {
        Walk(typeof(AirgapOptions), "");
    }

    /// <summary>The catalog of <see cref="AirgapOptions"/>.</summary>
    public static SettingCatalog Instance { get; } = new();

    /// <summary>Every key with its property, in declaration order (list keys take `:0`, `:1`… in the environment and JSON).</summary>
    public IReadOnlyDictionary<string, PropertyInfo> Keys => _keys;

    /// <summary>True when <paramref name="property"/> is a list (keys `:0`, `:1`…).</summary>
    public static bool IsList(PropertyInfo property) => ElementType(property) is not null;

    private static Type? ElementType(PropertyInfo property)
    {
        var type = property.PropertyType;
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && type.GenericTypeArguments.Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GenericTypeArguments[0] : null;
    }

    /// <summary>The key and value an older or Ollama-style name stands for; null when the conversion of the value fails.</summary>
    public static (string Key, string? Value, bool Converted)? Alias(string key, string? value)
    {
        foreach (var (alias, canonical, convert) in Aliases)
        {
            if (key.Equals(alias, StringComparison.OrdinalIgnoreCase)) return Rename(canonical, "", value, convert);
            if (key.StartsWith(alias + ":", StringComparison.OrdinalIgnoreCase)) return Rename(canonical, key[alias.Length..], value, convert);
        }
        return null;
    }

    private static (string, string?, bool) Rename(string canonical, string rest, string? value, Func<string, string?>? convert)
    {
        if (convert is null || value is null) return (canonical + rest, value, true);
        var converted = convert(value);
        return (canonical + rest, converted ?? value, converted is not null);
    }

    /// <summary>
    /// Why <paramref name="key"/> is not a key (unknown, with the nearest known name, or the wrong shape) and how many of
    /// its leading segments the reason is about; null when it is a key.
    /// </summary>
    public (string Problem, int Segments)? Refusal(string key)
    {
        var parts = key.Split(':');
        var section = "";
        for (var i = 0; i < parts.Length; i++)
        {
            var path = section.Length == 0 ? parts[i] : $"{section}:{parts[i]}";
            if (_keys.TryGetValue(path, out var property))
            {
                var rest = parts.Length - i - 1;
                if (IsList(property))
                {
                    if (rest == 1 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out _)) return null;
                    return ("must be a list", i + 1);
                }
                return rest == 0 ? null : ("must be a single value, not a list or an object", i + 1);
            }
            if (!_sections.Contains(path))
            {
                var known = Siblings(section).ToList();
                var nearest = known.Select(k => (Name: k, Distance: Distance(parts[i], k))).Where(x => x.Distance <= 2).OrderBy(x => x.Distance).FirstOrDefault();
                var where = section.Length == 0 ? "" : $" in section '{section}'";
                return (nearest.Name is null ? $"is not a setting{where}" : $"is not a setting{where}; did you mean '{nearest.Name}'?", i + 1);
            }
            if (i == parts.Length - 1) return ("is a section: give its keys, not a value", i + 1);
            section = path;
        }
        return null;
    }

    /// <summary>Why <paramref name="value"/> cannot be the value of <paramref name="property"/>; null when it can.</summary>
    public static string? ValueProblem(PropertyInfo property, string? value)
    {
        var declared = ElementType(property) ?? property.PropertyType;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var shown = value is null ? "null" : $"'{value}'";
        if (type == typeof(string)) return value is null ? "must be a string, got null" : null;
        if (value is null) return $"must be {Kind(type)}, got null";
        var ok = type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ when type == typeof(double) || type == typeof(float) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type.IsEnum => Enum.GetNames(type).Contains(value, StringComparer.OrdinalIgnoreCase),
            // A bare number parses as days ("90" = 90 days), never what someone meant by a timeout: ask for hh:mm:ss.
            _ when type == typeof(TimeSpan) => value.Contains(':') && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        return ok ? null : $"must be {Kind(type)}, got {shown}";
    }

    private static string Kind(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(float) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(TimeSpan) ? "a duration as [d.]hh:mm:ss, e.g. 00:10:00"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : "a value";

    private IEnumerable<string> Siblings(string section)
    {
        var prefix = section.Length == 0 ? "" : section + ":";
        var keys = _keys.Keys.Concat(_sections).Concat(Aliases.Select(a => a.Alias));
        return keys.Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(k => k[prefix.Length..].Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private void Walk(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true }) continue;
            var key = prefix + property.Name;
            var leaf = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (leaf.IsPrimitive || leaf.IsEnum || leaf == typeof(string) || leaf == typeof(TimeSpan) || leaf == typeof(decimal) || leaf == typeof(Uri) || IsList(property))
            {
                _keys[key] = property;
            }
            else
            {
                _sections.Add(key);
                Walk(property.PropertyType, key + ":");
            }
        }
    }

    /// <summary>Optimal string alignment distance, case-insensitive: a swapped pair counts as one edit.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    private static string? Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && Math.Abs(s) < 1e9
            ? TimeSpan.FromSeconds(s).ToString("c", CultureInfo.InvariantCulture) : null;

    // The old key took negative for "forever", which the model host reads as any negative span.
    private static string? KeepAliveSeconds(string value) =>
        Seconds(value) is { } span && span.StartsWith('-') ? TimeSpan.FromSeconds(-1).ToString("c", CultureInfo.InvariantCulture) : Seconds(value);

    private static string? Mebibytes(string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) && mb is >= 0 and <= long.MaxValue / (1024 * 1024)
            ? (mb * 1024 * 1024).ToString(CultureInfo.InvariantCulture) : null;
}
