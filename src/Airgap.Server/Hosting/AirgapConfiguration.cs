using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Airgap.Models.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Airgap.Server.Hosting;

/// <summary>
/// Builds <see cref="AirgapOptions"/> from airgap.json, then `AIRGAP_*` environment variables, then the command line
/// (each wins over the one before, all over the defaults), refusing unknown keys, values of the wrong kind and values out
/// of range with one line naming where the value came from, the key and the problem.
/// </summary>
public static class AirgapConfiguration
{
    /// <summary>Prefix of the environment variables that are settings (`AIRGAP_Inference__Parallel=2`).</summary>
    public const string EnvironmentPrefix = "AIRGAP_";

    /// <summary>Where a value set on the command line comes from, in messages.</summary>
    public const string CommandLine = "command line";

    /// <summary>Where a value set in the environment comes from, in messages.</summary>
    public const string Environment = "environment";

    // AIRGAP_* variables the verbs read that are not serve settings (the client verbs' server, key and TLS files); AIRGAP_TEST_* is
    // left to test hooks.
    private static readonly string[] ProcessVariables =
        ["HOME", "CONFIG", "VALIDATION_TIMEOUT_SECONDS", "URL", "API_KEY", "CA_CERT", "CLIENT_CERT", "CLIENT_KEY"];

    /// <summary>
    /// The settings of the home's airgap.json, the environment and <paramref name="commandLine"/> (keys as in the catalog,
    /// `Watch:0` for lists); <paramref name="optionNames"/> maps a key to the option that set it, for messages.
    /// Throws <see cref="ArgumentException"/> with one line for the first problem.
    /// </summary>
    public static AirgapOptions Load(AirgapHome home, IReadOnlyDictionary<string, string?> commandLine, IReadOnlyDictionary<string, string> optionNames)
    {
        var file = new ServerConfigFile(ServerConfigFile.PathFor(home.Root));
        var builder = new ConfigurationBuilder()
            .Add(file)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Add(new MemoryConfigurationSource { InitialData = commandLine });
        var root = builder.Build();
        var origins = new[] { file.Path, Environment, CommandLine };
        var catalog = SettingCatalog.Instance;
        var merged = new Dictionary<string, Setting>(StringComparer.OrdinalIgnoreCase);

        foreach (var (provider, origin) in root.Providers.Zip(origins))
        {
            var entries = new List<(string Key, Setting Setting)>();
            foreach (var (key, value) in Entries(provider, null))
            {
                if (origin == Environment && (ProcessVariables.Contains(key, StringComparer.OrdinalIgnoreCase)
                                              || key.StartsWith("TEST_", StringComparison.OrdinalIgnoreCase))) continue;
                var written = origin switch
                {
                    Environment => EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal),
                    CommandLine => optionNames.FirstOrDefault(o => key.Equals(o.Key, StringComparison.OrdinalIgnoreCase)
                                                                   || key.StartsWith(o.Key + ":", StringComparison.OrdinalIgnoreCase)).Value ?? key,
                    _ => key,
                };
                var (canonical, canonicalValue) = (key, value);
                if (SettingCatalog.Alias(key, value) is { } alias)
                {
                    if (!alias.Converted) throw Refused(origin, written, "must be a number, got " + (value is null ? "null" : $"'{value}'"));
                    (canonical, canonicalValue) = (alias.Key, alias.Value);
                }
                if (catalog.Refusal(canonical) is { } refusal) throw Refused(origin, Leading(written, origin, refusal.Segments), refusal.Problem);
                var property = catalog.Keys.First(k => canonical.Equals(k.Key, StringComparison.OrdinalIgnoreCase)
                                                       || canonical.StartsWith(k.Key + ":", StringComparison.OrdinalIgnoreCase));
                if (SettingCatalog.ValueProblem(property.Value, canonicalValue) is { } problem) throw Refused(origin, written, problem);
                // Relative folders in airgap.json are relative to the home, elsewhere to the working directory.
                if (SettingCatalog.IsList(property.Value) && property.Key is nameof(AirgapOptions.Watch) or nameof(AirgapOptions.PackSources))
                    canonicalValue = Path.GetFullPath(canonicalValue!, origin == file.Path ? home.Root : System.Environment.CurrentDirectory);
                entries.Add((canonical, new Setting(canonicalValue, origin, written, property.Key)));
            }
            // A list named by a later source replaces the earlier list instead of overlaying it item by item.
            foreach (var list in entries.Select(e => e.Setting.Key).Where(k => SettingCatalog.IsList(catalog.Keys[k])).Distinct())
            {
                foreach (var stale in merged.Where(m => m.Value.Key.Equals(list, StringComparison.OrdinalIgnoreCase)).Select(m => m.Key).ToList())
                    merged.Remove(stale);
            }
            foreach (var (key, setting) in entries) merged[key] = setting;
        }

        var options = new AirgapOptions();
        new ConfigurationBuilder().AddInMemoryCollection(merged.Select(m => KeyValuePair.Create(m.Key, m.Value.Value))).Build()
            .Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        Check(options, merged);
        return options;
    }

    /// <summary>Runs the source-generated validator; throws naming the first failing key and where its value came from.</summary>
    private static void Check(AirgapOptions options, Dictionary<string, Setting> merged)
    {
        var result = new AirgapOptionsValidator().Validate(null, options);
        if (!result.Failed) return;
        // The generator words a range failure "Member: The field AirgapOptions.Section.Member must be between…" and
        // passes IValidatableObject results on as "Key: message"; either way the key is recoverable.
        var failure = result.Failures!.First();
        const string RangeMarker = "The field AirgapOptions.";
        string key, problem;
        var field = failure.IndexOf(RangeMarker, StringComparison.Ordinal);
        if (field >= 0)
        {
            var start = field + RangeMarker.Length;
            key = failure[start..failure.IndexOf(' ', start)].Replace('.', ':');
            var range = SettingCatalog.Instance.Keys.TryGetValue(key, out var property) ? property.GetCustomAttribute<RangeAttribute>() : null;
            var value = merged.TryGetValue(key, out var given) ? given.Value : null;
            problem = range is null ? failure : $"must be {range.Minimum} to {range.Maximum}, got {value}";
        }
        else
        {
            var colon = failure.IndexOf(": ", StringComparison.Ordinal);
            (key, problem) = colon > 0 ? (failure[..colon], "is refused: " + failure[(colon + 2)..]) : ("", failure);
        }
        var origin = merged.TryGetValue(key, out var setting) ? setting : new Setting(null, "built-in default", key, key);
        throw Refused(origin.Origin, origin.Written, problem);
    }

    private static ArgumentException Refused(string origin, string written, string problem) => new($"{origin}: '{written}' {problem}");

    // "wacth:0" is refused as "wacth": name as much of the key as the reason is about.
    private static string Leading(string written, string origin, int segments)
    {
        if (origin == CommandLine) return written;
        var separator = origin == Environment ? "__" : ":";
        var parts = written.Split(separator);
        return parts.Length <= segments ? written : string.Join(separator, parts.Take(segments));
    }

    private static IEnumerable<(string Key, string? Value)> Entries(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = parent is null ? child : $"{parent}:{child}";
            var hasChildren = provider.GetChildKeys([], key).Any();
            if (provider.TryGet(key, out var value) && (value is not null || !hasChildren)) yield return (key, value);
            if (hasChildren)
            {
                foreach (var entry in Entries(provider, key)) yield return entry;
            }
        }
    }

    private sealed record Setting(string? Value, string Origin, string Written, string Key);
}
