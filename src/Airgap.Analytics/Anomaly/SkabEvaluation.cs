namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The SKAB outlier protocol: for each experiment file (recursively, `anomaly-free` excluded) fit on the first
/// 400 rows, predict every later row in order, and sum TP, FP, FN, TN over all files. Labels are never used to fit.
/// </summary>
public static class SkabEvaluation
{
    /// <summary>Rows each file's detector is fitted on.</summary>
    public const int TrainingRows = 400;

    /// <summary>Columns that are labels or time, never features.</summary>
    public static readonly string[] NonFeatures = ["datetime", "anomaly", "changepoint"];

    /// <summary>One file's counts.</summary>
    public sealed record FileResult(string File, int Rows, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
    {
        public double F1 => Metrics.F1(TruePositives, FalsePositives, FalseNegatives);
    }

    /// <summary>F1 = TP / (TP + (FP + FN) / 2); FAR = FP / (FP + TN); MAR = FN / (FN + TP).</summary>
    public static class Metrics
    {
        public static double F1(int tp, int fp, int fn) => tp + (fp + fn) / 2.0 == 0 ? 0 : tp / (tp + (fp + fn) / 2.0);
        public static double Far(int fp, int tn) => fp + tn == 0 ? 0 : fp / (double)(fp + tn);
        public static double Mar(int fn, int tp) => fn + tp == 0 ? 0 : fn / (double)(fn + tp);
    }

    /// <summary>Every experiment CSV under <paramref name="directory"/>, in a stable order.</summary>
    public static IReadOnlyList<string> Files(string directory)
    {
        if (!Directory.Exists(directory)) throw new ArgumentException($"{directory}: no such directory");
        var files = Directory.GetFiles(directory, "*.csv", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(p => p.Equals("anomaly-free", StringComparison.OrdinalIgnoreCase)))
            .OrderBy(f => Path.GetRelativePath(directory, f).Replace(Path.GetFileName(f), ""), StringComparer.Ordinal)
            .ThenBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : int.MaxValue)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0 ? files : throw new ArgumentException($"{directory}: no experiment CSV files (anomaly-free excluded)");
    }

    /// <summary>Runs the protocol on one file with the model <paramref name="fit"/> makes from its first rows; the stream continues from them.</summary>
    public static FileResult Evaluate(string file, string name, Func<double[][], AnomalyModel> fit)
    {
        var table = TelemetryTable.Read(file);
        var features = table.NumericColumns(NonFeatures);
        var rows = table.Features(features, name);
        var labels = table.Labels("anomaly", name);
        if (rows.Length <= TrainingRows) throw new ArgumentException($"{name}: has {rows.Length} rows; the protocol fits on the first {TrainingRows}");
        var training = rows[..TrainingRows];
        var sequence = fit(training).Sequence(training);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = TrainingRows; i < rows.Length; i++)
        {
            var predicted = sequence.Next(rows[i]).IsAnomaly;
            var actual = labels[i] == 1;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }
        return new FileResult(name, rows.Length - TrainingRows, tp, fp, fn, tn);
    }
}
