namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Merges the OCR reading with a vision-language model's reading of the same image. A value both report (names equal
/// once normalised, or similar with the same digits; the same number at the digits shown) gets high confidence; a value
/// only one reports is kept with lower confidence; where they disagree on the number, OCR's digits stand when they came
/// from the seven-segment reader or OCR was sure, else the model's, and the value is flagged with the other's reading.
/// Warnings are the union, a model warning that says what an OCR one says left out. The source becomes <c>ocr+vlm</c>.
/// </summary>
public static class DisplayReconciliation
{
    /// <summary>Confidence of a value both read alike (or OCR's own, when higher).</summary>
    public const double Agreed = 0.95;

    /// <summary>OCR confidence at or above which OCR's digits win a disagreement even off a seven-segment display.</summary>
    public const double OcrTrusted = 0.9;

    /// <summary>Confidence of a value only the model read, or whose number only the model gave (it says nothing of how sure it is).</summary>
    public const double ModelOnly = 0.5;

    /// <summary>Factor on OCR's confidence for a value the model did not list (it listed fewer than it could).</summary>
    public const double OcrOnlyFactor = 0.8;

    /// <summary>Highest confidence of a value whose number the two disagreed on.</summary>
    public const double Disputed = 0.6;

    /// <summary>
    /// The merged reading. <paramref name="profile"/>, when the OCR reading was made with one, renames the model's values
    /// the same way and re-checks limits on the merged numbers (a limit warning on a number that lost is replaced).
    /// </summary>
    public static DisplayReading Reconcile(DisplayReading ocr, DisplayReading vlm, DisplayProfile? profile = null, int? vlmCapacity = null)
    {
        var model = profile is null ? vlm.Values.ToList() : ProfileCheck.Apply(profile, vlm.Values).Values;
        var paired = new bool[model.Count];
        var ocrWins = ocr.Source == "segment";
        // A model that listed as many values as its schema allows may have stopped short: its silence proves nothing.
        var modelComplete = vlmCapacity is not { } capacity || model.Count < capacity;
        var values = new List<DisplayValue>(ocr.Values.Count + model.Count);
        foreach (var o in ocr.Values)
        {
            var m = Partner(o, model, paired);
            if (m < 0)
            {
                values.Add(modelComplete ? o with { Confidence = Round(o.Confidence * OcrOnlyFactor) } : o);
                continue;
            }
            paired[m] = true;
            var v = model[m];
            var name = o.Name.Length > 0 ? o.Name : v.Name;
            var unit = o.Unit.Length > 0 ? o.Unit : v.Unit;
            if (SameNumber(o, v))
                values.Add(o with { Name = name, Unit = unit, Confidence = Round(Math.Max(o.Confidence, Agreed)) });
            else if (ocrWins || o.Confidence >= OcrTrusted)
                values.Add(o with { Name = name, Unit = unit, Confidence = Round(Math.Min(o.Confidence, Disputed)), Flag = $"disagree: vlm read {v.Shown}" });
            else
                values.Add(o with
                {
                    Name = name, Unit = unit, Value = v.Value, Shown = v.Shown, Confidence = Math.Min(ModelOnly, Round(o.Confidence)),
                    Flag = $"disagree: ocr read {o.Shown}",
                });
        }
        for (var i = 0; i < model.Count; i++)
            if (!paired[i]) values.Add(model[i] with { Confidence = ModelOnly, Box = [] });

        var warnings = ocr.Warnings.ToList();
        if (profile is not null)
        {
            var before = ProfileCheck.Apply(profile, ocr.Values).Warnings;
            warnings.RemoveAll(before.Contains);
            warnings.AddRange(ProfileCheck.Apply(profile, values).Warnings);
        }
        foreach (var w in vlm.Warnings)
            if (!warnings.Any(known => SameWarning(known, w))) warnings.Add(w);
        return new DisplayReading(values, warnings, ocr.Text, "ocr+vlm", ocr.ElapsedMs);
    }

    /// <summary>True when two warnings say the same thing: one contains the other once normalised, or they are ≥ 0.8 similar.</summary>
    public static bool SameWarning(string a, string b) => DisplayMatchRules.WarningMatches(a, b) || DisplayMatchRules.WarningMatches(b, a);

    /// <summary>True when two names are one label: equal once normalised, or ≥ 0.8 similar with the same digits.</summary>
    public static bool SameName(string a, string b) =>
        DisplayMatchRules.NormText(a).Length > 0 && DisplayMatchRules.NameMatches(a, b, []);

    // The model's value for this OCR value: among the unpaired ones with its name, the one with its number first, then
    // the most similar name; a nameless OCR value takes the first nameless-to-OCR model value with the same number.
    private static int Partner(DisplayValue o, List<DisplayValue> model, bool[] paired)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < model.Count; i++)
        {
            if (paired[i]) continue;
            var v = model[i];
            var same = SameNumber(o, v);
            double score;
            if (o.Name.Length == 0)
            {
                if (!same) continue;
                score = 0;
            }
            else
            {
                if (!SameName(v.Name, o.Name)) continue;
                score = (same ? 2 : 0) + SequenceSimilarity.Ratio(DisplayMatchRules.NormText(o.Name), DisplayMatchRules.NormText(v.Name));
            }
            if (score > bestScore) (best, bestScore) = (i, score);
        }
        return best;
    }

    // The same number: equal, or the model's equal to OCR's once rounded to the decimals OCR shows.
    private static bool SameNumber(DisplayValue ocr, DisplayValue model)
    {
        if (Math.Abs(ocr.Value - model.Value) <= 1e-9 * Math.Max(1, Math.Abs(ocr.Value))) return true;
        var point = ocr.Shown.IndexOf('.');
        var decimals = point < 0 ? 0 : Math.Min(15, ocr.Shown.Skip(point + 1).TakeWhile(char.IsAsciiDigit).Count());
        return Math.Abs(Math.Round(model.Value, decimals, MidpointRounding.AwayFromZero) - ocr.Value) < Math.Pow(10, -decimals - 3);
    }

    private static double Round(double confidence) => Math.Round(confidence, 3);
}
