namespace Airgap.Analytics.Anomaly;

/// <summary>
/// A size given the way scikit-learn takes `max_samples` and `max_features`: a whole count (an int) or a fraction of
/// the total (a float in (0, 1]). 1 and 1.0 differ: one item against all of them.
/// </summary>
public readonly record struct CountOrFraction
{
    private CountOrFraction(int? count, double? fraction) => (CountValue, FractionValue) = (count, fraction);

    /// <summary>The count, when this is a count.</summary>
    public int? CountValue { get; }

    /// <summary>The fraction, when this is a fraction.</summary>
    public double? FractionValue { get; }

    /// <summary>A whole count, at least 1.</summary>
    public static CountOrFraction Count(int count) =>
        count >= 1 ? new(count, null) : throw new ArgumentOutOfRangeException(nameof(count), count, "a count must be at least 1");

    /// <summary>A fraction of the total, in (0, 1].</summary>
    public static CountOrFraction Fraction(double fraction) =>
        fraction is > 0 and <= 1 ? new(null, fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a fraction must be in (0, 1]");

    /// <summary>A count as is, a fraction as `int(fraction * total)` like scikit-learn (truncated, so it may be 0).</summary>
    public int Of(int total) => CountValue ?? (int)(FractionValue!.Value * total);

    /// <inheritdoc />
    public override string ToString() => CountValue is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : FractionValue!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
