namespace Airgap.Analytics.Anomaly;

/// <summary>`KEY=VALUE` pairs as the CLI's repeated --param takes them.</summary>
public static class AnomalyParameters
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=');
            if (at <= 0 || at == pair.Length - 1) throw new ArgumentException($"--param '{pair}': must be KEY=VALUE");
            if (!parameters.TryAdd(pair[..at].Trim(), pair[(at + 1)..].Trim())) throw new ArgumentException($"--param {pair[..at]}: given twice");
        }
        return parameters;
    }
}
