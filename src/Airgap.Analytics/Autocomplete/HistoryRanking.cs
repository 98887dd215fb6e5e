namespace Airgap.Analytics.Autocomplete;

/// <summary>
/// How much history speaks for a value: each acceptance counts, halved for every <see cref="HalfLife"/> since the value
/// was last used, so a value used often long ago yields to one used a few times this week.
/// </summary>
internal static class HistoryRanking
{
    /// <summary>Age at which a value's acceptances weigh half.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);

    /// <summary>Contexts less similar than this (cosine) say nothing about this one.</summary>
    public const double MinSimilarity = 0.5;

    /// <summary>The weight of <paramref name="count"/> acceptances last made at <paramref name="lastUsed"/>.</summary>
    public static double Weight(long count, DateTimeOffset lastUsed, DateTimeOffset now)
    {
        var age = Math.Max(0, (now - lastUsed).TotalDays);
        return count * Math.Pow(0.5, age / HalfLife.TotalDays);
    }

    /// <summary>How much a context at <paramref name="similarity"/> counts: nothing at <see cref="MinSimilarity"/>, fully when identical.</summary>
    public static double Relevance(double similarity) => Math.Clamp((similarity - MinSimilarity) / (1 - MinSimilarity), 0, 1);

    /// <summary>A weight squashed into 0–1 so that scores read alike whatever the volume of history.</summary>
    public static double Score(double weight) => Math.Round(weight / (1 + weight), 4);
}
