using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Multivariate statistical process control: PCA on robustly scaled training readings, Hotelling's T² in the
/// retained components and Q (squared prediction error) in the residual, each against its control limit. The score is
/// the larger of T²/limit and Q/limit (1 is the threshold); each feature's contribution is its part of T² (through
/// the components) plus its squared residual, each relative to its limit.
/// </summary>
public sealed class PcaT2Q : IAnomalyDetector
{
    private readonly RobustScaler _scaler;
    private readonly double[,] _loadings; // feature × component
    private readonly double[] _eigenvalues; // of the kept components

    private PcaT2Q(RobustScaler scaler, double[,] loadings, double[] eigenvalues, double t2Limit, double qLimit, double factor)
    {
        _scaler = scaler;
        _loadings = loadings;
        _eigenvalues = eigenvalues;
        T2Limit = t2Limit;
        QLimit = qLimit;
        Factor = factor;
    }

    public string Algorithm => "pca-t2q";
    public int FeatureCount => _scaler.Centre.Length;
    public double Threshold => 1.0;

    /// <summary>Components kept.</summary>
    public int Components => _eigenvalues.Length;

    public double T2Limit { get; }
    public double QLimit { get; }
    public double Factor { get; }

    /// <summary>The fitted state, to store: scaling, loadings (feature-major), kept eigenvalues, limits and margin.</summary>
    public System.Text.Json.Nodes.JsonObject ToState() => new()
    {
        ["centre"] = Json.Array(_scaler.Centre),
        ["scale"] = Json.Array(_scaler.Scale),
        ["loadings"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, FeatureCount)
            .Select(f => (System.Text.Json.Nodes.JsonNode)Json.Array(Enumerable.Range(0, Components).Select(c => _loadings[f, c]))).ToArray()),
        ["eigenvalues"] = Json.Array(_eigenvalues),
        ["t2_limit"] = T2Limit,
        ["q_limit"] = QLimit,
        ["limit_factor"] = Factor,
    };

    /// <summary>A detector from a stored state; InvalidDataException naming what is wrong when it is not one.</summary>
    public static PcaT2Q FromState(System.Text.Json.Nodes.JsonObject state, int features)
    {
        var centre = Json.Doubles(state, "centre", features);
        var scale = Json.Doubles(state, "scale", features);
        var eigenvalues = Json.Doubles(state, "eigenvalues", null);
        if (eigenvalues.Length == 0 || eigenvalues.Length > features || eigenvalues.Any(l => l <= 0))
            throw new InvalidDataException("pca-t2q state: eigenvalues must be 1 to one per feature, each above 0");
        var rows = state["loadings"] as System.Text.Json.Nodes.JsonArray ?? throw new InvalidDataException("pca-t2q state: no loadings");
        if (rows.Count != features) throw new InvalidDataException($"pca-t2q state: {rows.Count} loading rows for {features} features");
        var loadings = new double[features, eigenvalues.Length];
        for (var f = 0; f < features; f++)
        {
            var row = Json.Doubles(rows[f], $"loadings[{f}]", eigenvalues.Length);
            for (var c = 0; c < eigenvalues.Length; c++) loadings[f, c] = row[c];
        }
        var t2 = Json.Positive(state, "t2_limit");
        var q = Json.Positive(state, "q_limit");
        var factor = Json.Positive(state, "limit_factor");
        if (scale.Any(v => v <= 0)) throw new InvalidDataException("pca-t2q state: every scale must be above 0");
        return new PcaT2Q(new RobustScaler(centre, scale), loadings, eigenvalues, t2, q, factor);
    }

    public static PcaT2Q Fit(IReadOnlyList<double[]> rows, PcaT2QParameters p)
    {
        if (rows.Count < 3) throw new ArgumentException($"pca-t2q needs at least 3 training rows, got {rows.Count}");
        var features = rows[0].Length;
        var scaler = RobustScaler.Fit(rows);
        var scaled = rows.Select(r =>
        {
            var s = new double[features];
            scaler.Transform(r, s);
            return s;
        }).ToArray();
        var x = Matrix<double>.Build.DenseOfRowArrays(scaled);
        var mean = x.ColumnSums() / rows.Count;
        var centred = x - Matrix<double>.Build.Dense(rows.Count, features, (_, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / (rows.Count - 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, features).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var lambdas = order.Select(i => Math.Max(0, evd.EigenValues[i].Real)).ToArray();
        var total = lambdas.Sum();
        var k = 1;
        while (k < features && lambdas.Take(k).Sum() < p.ExplainedVariance * total) k++;
        k = Math.Min(k, Math.Max(1, rows.Count - 2));
        var loadings = new double[features, k];
        for (var c = 0; c < k; c++)
            for (var f = 0; f < features; f++) loadings[f, c] = evd.EigenVectors[f, order[c]];
        var kept = lambdas.Take(k).Select(l => Math.Max(l, 1e-9)).ToArray();

        var n = rows.Count;
        var t2Limit = k * (n - 1.0) * (n + 1.0) / (n * (double)(n - k)) * FisherSnedecor.InvCDF(k, n - k, p.Confidence);
        var residual = lambdas.Skip(k).ToArray();
        var detector = new PcaT2Q(scaler, loadings, kept, t2Limit, 1, p.LimitFactor);
        var qLimit = JacksonMudholkar(residual, p.Confidence)
                     ?? EmpiricalQ(detector, rows, p.Confidence);
        return new PcaT2Q(scaler, loadings, kept, t2Limit, Math.Max(qLimit, 1e-9), p.LimitFactor);
    }

    public AnomalyScore Score(ReadOnlySpan<double> reading)
    {
        var features = FeatureCount;
        if (reading.Length != features) throw new ArgumentException($"a reading needs {features} values, got {reading.Length}");
        Span<double> x = stackalloc double[features];
        _scaler.Transform(reading, x);
        Span<double> t = stackalloc double[Components];
        var t2 = 0.0;
        for (var c = 0; c < Components; c++)
        {
            var s = 0.0;
            for (var f = 0; f < features; f++) s += x[f] * _loadings[f, c];
            t[c] = s;
            t2 += s * s / _eigenvalues[c];
        }
        var contributions = new double[features];
        var q = 0.0;
        for (var f = 0; f < features; f++)
        {
            var projected = 0.0;
            var t2Part = 0.0;
            for (var c = 0; c < Components; c++)
            {
                projected += t[c] * _loadings[f, c];
                t2Part += t[c] / _eigenvalues[c] * _loadings[f, c];
            }
            var e = x[f] - projected;
            q += e * e;
            contributions[f] = Math.Abs(t2Part * x[f]) / T2Limit + e * e / QLimit;
        }
        var score = Math.Max(t2 / T2Limit, q / QLimit) / Factor;
        var sum = contributions.Sum();
        if (sum > 0) for (var f = 0; f < features; f++) contributions[f] /= sum;
        return new AnomalyScore(score, Threshold, score > Threshold, contributions);
    }

    // Jackson & Mudholkar (1979): the Q limit from the residual eigenvalues; null when there is no residual to speak of.
    private static double? JacksonMudholkar(double[] residual, double confidence)
    {
        var theta1 = residual.Sum();
        var theta2 = residual.Sum(l => l * l);
        var theta3 = residual.Sum(l => l * l * l);
        if (theta1 <= 1e-12 || theta2 <= 1e-24) return null;
        var h0 = 1 - 2 * theta1 * theta3 / (3 * theta2 * theta2);
        var ca = Normal.InvCDF(0, 1, confidence);
        var inner = ca * Math.Sqrt(2 * theta2 * h0 * h0) / theta1 + 1 + theta2 * h0 * (h0 - 1) / (theta1 * theta1);
        return inner > 0 && h0 != 0 ? theta1 * Math.Pow(inner, 1 / h0) : null;
    }

    private static double EmpiricalQ(PcaT2Q withUnitLimit, IReadOnlyList<double[]> rows, double confidence)
    {
        var qs = rows.Select(r => withUnitLimit.Residual(r)).Order().ToArray();
        return RobustScaler.Quantile(qs, confidence);
    }

    private double Residual(ReadOnlySpan<double> reading)
    {
        Span<double> x = stackalloc double[FeatureCount];
        _scaler.Transform(reading, x);
        var q = 0.0;
        for (var f = 0; f < FeatureCount; f++)
        {
            var projected = 0.0;
            for (var c = 0; c < Components; c++)
            {
                var s = 0.0;
                for (var g = 0; g < FeatureCount; g++) s += x[g] * _loadings[g, c];
                projected += s * _loadings[f, c];
            }
            q += (x[f] - projected) * (x[f] - projected);
        }
        return q;
    }
}
