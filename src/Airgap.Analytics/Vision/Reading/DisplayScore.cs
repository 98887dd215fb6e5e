namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// One image scored: counts as score.py reports them (values matched one-to-one; warnings found one-to-one for recall,
/// predicted warnings that match any true one for precision) and what was missed or wrong.
/// </summary>
public sealed record ImageScore(
    string Image,
    string Kind,
    bool Missing,
    int TruthValues,
    int PredictedValues,
    int MatchedValues,
    int TruthWarnings,
    int PredictedWarnings,
    int FoundWarnings,
    int TrueWarnings,
    IReadOnlyList<string> MissedValues,
    IReadOnlyList<string> WrongValues,
    IReadOnlyList<string> MissedWarnings,
    IReadOnlyList<string> FalseWarnings);

/// <summary>Micro-averaged figures over the images of one kind, or over all of them ("overall"), rounded to 4 places as score.py does.</summary>
public sealed record KindScore(
    string Kind,
    int Images,
    int Missing,
    int TruthValues,
    int PredictedValues,
    int MatchedValues,
    int TruthWarnings,
    int PredictedWarnings,
    int FoundWarnings,
    int TrueWarnings,
    double Precision,
    double Recall,
    double F1,
    double WarningRecall,
    double WarningPrecision)
{
    /// <summary>Sums the counts of these images and derives the figures from the sums.</summary>
    public static KindScore Of(string kind, IReadOnlyCollection<ImageScore> images)
    {
        int tv = images.Sum(i => i.TruthValues), pv = images.Sum(i => i.PredictedValues), mv = images.Sum(i => i.MatchedValues);
        int tw = images.Sum(i => i.TruthWarnings), pw = images.Sum(i => i.PredictedWarnings);
        int found = images.Sum(i => i.FoundWarnings), correct = images.Sum(i => i.TrueWarnings);
        var p = pv > 0 ? (double)mv / pv : 0.0;
        var r = tv > 0 ? (double)mv / tv : 0.0;
        var f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        var wr = tw > 0 ? (double)found / tw : 0.0;
        var wp = pw > 0 ? (double)correct / pw : 0.0;
        return new KindScore(kind, images.Count, images.Count(i => i.Missing), tv, pv, mv, tw, pw, found, correct,
            PythonFloat.Round(p, 4), PythonFloat.Round(r, 4), PythonFloat.Round(f1, 4), PythonFloat.Round(wr, 4), PythonFloat.Round(wp, 4));
    }
}

/// <summary>A truth set scored: one line per kind present (hmi, segment, photo, status first, others after), overall, and every image.</summary>
public sealed record DisplayScore(IReadOnlyList<KindScore> Kinds, KindScore Overall, IReadOnlyList<ImageScore> Images);
