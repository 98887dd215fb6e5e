namespace Airgap.Analytics.Logs;

/// <summary>
/// Loghub's grouping accuracy: a line is correct when the set of lines sharing its predicted template is exactly
/// the set of lines sharing its true event; GA is the share of correct lines.
/// </summary>
public static class GroupingAccuracy
{
    /// <summary>GA of <paramref name="predicted"/> against <paramref name="truth"/> (same length, one label per line).</summary>
    public static double Compute<TPredicted, TTruth>(IReadOnlyList<TPredicted> predicted, IReadOnlyList<TTruth> truth)
        where TPredicted : notnull where TTruth : notnull
    {
        if (predicted.Count != truth.Count)
            throw new ArgumentException($"{predicted.Count} predicted labels for {truth.Count} true ones");
        if (predicted.Count == 0) return 1.0;
        // A predicted group is correct when it is exactly one true group: all its lines share one true label,
        // and that label has no lines outside it.
        var truthSizes = truth.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var correct = 0;
        foreach (var group in Enumerable.Range(0, predicted.Count).GroupBy(i => predicted[i]))
        {
            var labels = group.Select(i => truth[i]).Distinct().Take(2).ToArray();
            if (labels.Length == 1 && truthSizes[labels[0]] == group.Count()) correct += group.Count();
        }
        return (double)correct / predicted.Count;
    }
}
