namespace Airgap.Analytics.Vision;

/// <summary>Greedy non-maximum suppression per class: the most confident box stays, boxes of its class overlapping it more than the IoU threshold go.</summary>
public static class NonMaximumSuppression
{
    public static IReadOnlyList<Detection> Apply(IEnumerable<Detection> candidates, float iou, int maxDetections)
    {
        var kept = new List<Detection>();
        foreach (var group in candidates.GroupBy(d => d.ClassId))
        {
            var remaining = group.OrderByDescending(d => d.Confidence).ToList();
            while (remaining.Count > 0)
            {
                var best = remaining[0];
                kept.Add(best);
                remaining.RemoveAll(d => d.IoU(best) > iou);
            }
        }
        return kept.OrderByDescending(d => d.Confidence).Take(maxDetections).ToList();
    }
}
