using System.Globalization;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Scores the display reader on a truth set the way the set's score.py does: per image a maximum one-to-one matching of
/// predicted to true readings under <see cref="DisplayMatchRules"/>, then precision / recall / F1 and warning recall /
/// precision micro-averaged per kind and overall.
/// </summary>
public static class DisplayScoring
{
    /// <summary>The kinds score.py reports, in its order; other kinds follow in the order they first appear.</summary>
    public static readonly IReadOnlyList<string> KnownKinds = ["hmi", "segment", "photo", "status"];

    /// <summary>Scores every image of the set; predict gets the image's path and returns null when it has no prediction (scored empty, counted missing).</summary>
    public static DisplayScore Score(DisplayTruthSet set, Func<string, DisplayPrediction?> predict)
    {
        var images = set.Images.Select(t => ScoreImage(t, predict(Path.Combine(set.Directory, t.Image)))).ToList();
        var kinds = KnownKinds.Concat(images.Select(i => i.Kind).Distinct().Except(KnownKinds))
            .Select(k => images.Where(i => i.Kind == k).ToList())
            .Where(group => group.Count > 0)
            .Select(group => KindScore.Of(group[0].Kind, group))
            .ToList();
        return new DisplayScore(kinds, KindScore.Of("overall", images), images);
    }

    /// <summary>Scores one image against its truth; a null prediction counts as missing and empty.</summary>
    public static ImageScore ScoreImage(DisplayTruthImage truth, DisplayPrediction? prediction)
    {
        var pred = prediction ?? DisplayPrediction.Empty;
        IReadOnlyList<DisplayTruthValue> tv = truth.Values;
        IReadOnlyList<PredictedValue> pv = pred.Values;
        var (matched, owner) = MaxMatching(tv.Count, pv.Count, (i, j) => Matches(pv[j], tv[i]));
        IReadOnlyList<string> tw = truth.Warnings, pw = pred.Warnings;
        var (found, warningOwner) = MaxMatching(tw.Count, pw.Count, (i, j) => DisplayMatchRules.WarningMatches(pw[j], tw[i]));
        var trueWarnings = pw.Count(w => tw.Any(t => DisplayMatchRules.WarningMatches(w, t)));

        var gotValues = owner.Where(o => o >= 0).ToHashSet();
        var gotWarnings = warningOwner.Where(o => o >= 0).ToHashSet();
        return new ImageScore(truth.Image, truth.Kind, prediction is null, tv.Count, pv.Count, matched, tw.Count, pw.Count, found, trueWarnings,
            MissedValues: tv.Where((_, i) => !gotValues.Contains(i)).Select(t => $"{t.Name}={t.Shown ?? t.ValueText} {t.Unit}").ToList(),
            WrongValues: pv.Where((_, j) => owner[j] < 0).Select(p => p.Described).ToList(),
            MissedWarnings: tw.Where((_, i) => !gotWarnings.Contains(i)).ToList(),
            FalseWarnings: pw.Where(w => !tw.Any(t => DisplayMatchRules.WarningMatches(w, t))).ToList());
    }

    /// <summary>value_match: value, unit and name all agree.</summary>
    public static bool Matches(PredictedValue predicted, DisplayTruthValue truth) =>
        DisplayMatchRules.ValueMatches(predicted.Value, truth.Value, truth.Decimals)
        && DisplayMatchRules.UnitMatches(predicted.Unit, truth.Unit)
        && DisplayMatchRules.NameMatches(predicted.Name, truth.Name, truth.Aliases);

    /// <summary>
    /// Size of a maximum bipartite matching (Kuhn's augmenting paths, truths in order, as score.py); owner[j] is the
    /// truth prediction j is paired with, or -1.
    /// </summary>
    public static (int Matched, int[] Owner) MaxMatching(int truths, int predictions, Func<int, int, bool> ok)
    {
        var adjacent = Enumerable.Range(0, truths).Select(i => Enumerable.Range(0, predictions).Where(j => ok(i, j)).ToArray()).ToArray();
        var owner = Enumerable.Repeat(-1, predictions).ToArray();
        var matched = 0;
        for (var i = 0; i < truths; i++)
            if (Augment(i, new HashSet<int>())) matched++;
        return (matched, owner);

        bool Augment(int i, HashSet<int> seen)
        {
            foreach (var j in adjacent[i])
            {
                if (!seen.Add(j)) continue;
                if (owner[j] < 0 || Augment(owner[j], seen))
                {
                    owner[j] = i;
                    return true;
                }
            }
            return false;
        }
    }
}
