namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The area under the ROC curve of anomaly scores against true labels: the chance that a random anomaly scores above
/// a random normal reading, ties counting half (the Mann–Whitney statistic, as scikit-learn's `roc_auc_score`).
/// </summary>
public static class RocAuc
{
    /// <summary>The AUC of <paramref name="scores"/> (higher is more anomalous) for <paramref name="isAnomaly"/>.</summary>
    public static double Of(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        if (scores.Count != isAnomaly.Count) throw new ArgumentException($"{scores.Count} scores for {isAnomaly.Count} labels", nameof(isAnomaly));
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var positives = isAnomaly.Count(a => a);
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("the AUC needs both anomalies and normal readings", nameof(isAnomaly));
        var positiveRankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]]) end++;
            var averageRank = (start + 1 + end) / 2.0; // ties share the mean of their 1-based ranks
            for (var i = start; i < end; i++) if (isAnomaly[order[i]]) positiveRankSum += averageRank;
            start = end;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
