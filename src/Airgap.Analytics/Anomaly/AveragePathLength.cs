namespace Airgap.Analytics.Anomaly;

/// <summary>
/// c(n), the average path length of an unsuccessful search in a binary search tree of n items (Liu et al. 2008): the
/// depth an isolation tree would still have needed below a leaf holding n training rows, and the normaliser of the
/// score. Matches scikit-learn's `_average_path_length`: c(n) = 2H(n-1) - 2(n-1)/n with H(i) ≈ ln(i) + γ, c(1) = 0,
/// c(2) = 1.
/// </summary>
public static class AveragePathLength
{
    /// <summary>The Euler–Mascheroni constant γ, as numpy's `np.euler_gamma`.</summary>
    public const double EulerGamma = 0.5772156649015329;

    /// <summary>c(n) for n rows (0 for n ≤ 1).</summary>
    public static double Of(int n) => n switch
    {
        <= 1 => 0.0,
        2 => 1.0,
        _ => 2.0 * (Math.Log(n - 1.0) + EulerGamma) - 2.0 * (n - 1.0) / n,
    };
}
