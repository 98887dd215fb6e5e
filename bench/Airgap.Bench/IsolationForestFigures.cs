using System.Diagnostics;
using System.Globalization;
using System.Text;
using Airgap.Analytics.Anomaly;

namespace Airgap.Bench;

/// <summary>
/// `--isolation-forest [--rows N] [--skab DIR] [--seed S] [--forests K]`: our Isolation Forest against scikit-learn's
/// (the system python3's, Debian's python3-sklearn), both with n_estimators=100 and max_samples=256, fitted on the same
/// rows and scoring the same rows. Prints the ROC AUC of both score vectors, computed here the same way, as mean ± sd
/// over K (default 20) seeds, since one forest's AUC varies by about 0.005 from seed to seed; and scoring throughput
/// (the median of 3 timed runs, scoring only, the test rows repeated to 100,000). The rows: N (default 20,000) readings
/// of 8 correlated sensors with about 5% anomalies (spikes, drifts, and readings off the sensors' correlation), seeded,
/// the first half to fit; or SKAB (DIR holding anomaly-free/ and valve1/).
/// </summary>
public static class IsolationForestFigures
{
    private const int Rounds = 3;

    // Enough rows that one timed run lasts a good fraction of a second on both sides (the test rows, repeated).
    private const int TimingRows = 100_000;

    public static int Run(BenchOptions options, string work)
    {
        string? Value(string name) => options.Args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var seed = int.TryParse(Value("--seed"), out var s) ? s : 0;
        var forestCount = int.TryParse(Value("--forests"), out var k) ? k : 20;
        var (train, test, testLabels, source) = Value("--skab") is { } skab
            ? ReadSkab(skab)
            : Synthesize(int.TryParse(Value("--rows"), out var n) ? n : 20_000, seed);
        Console.WriteLine($"{source}: {train[0].Length} features, fit on {train.Length:N0} rows, score {test.Length:N0} rows " +
                          $"({testLabels.Count(a => a)} anomalies), {Environment.ProcessorCount} cores, seed {seed}");

        var timing = Enumerable.Range(0, (TimingRows + test.Length - 1) / test.Length).SelectMany(_ => test).ToArray();
        var clock = Stopwatch.StartNew();
        var forests = Enumerable.Range(0, forestCount).Select(k => IsolationForest.Fit(train,
            new IsolationForestParameters { NEstimators = 100, MaxSamples = CountOrFraction.Count(256), RandomState = seed + k })).ToArray();
        var fitSeconds = clock.Elapsed.TotalSeconds / forestCount;
        var aucOurs = forests.Select(f => RocAuc.Of(f.ScoreMany(test), testLabels)).ToArray();
        var forest = forests[0];
        var many = Throughput(timing.Length, () => forest.ScoreMany(timing));
        var oneByOne = Throughput(timing.Length, () => { foreach (var row in timing) forest.ScoreSamples(row); });
        var explained = Throughput(timing.Length, () => { foreach (var row in timing) forest.Score(row); });

        var sklearn = ScikitLearn.Run(work, train, test, seed, forestCount, timing.Length / test.Length);
        var aucSklearn = sklearn.Scores.Select(scores => RocAuc.Of(scores, testLabels)).ToArray();
        Console.WriteLine($"scikit-learn {sklearn.Version}, n_estimators=100, max_samples=256, random_state {seed} to {seed + forestCount - 1}");
        Console.WriteLine($"fit, one forest: ours {fitSeconds * 1e3:0} ms, scikit-learn {sklearn.FitSeconds * 1e3:0} ms");
        Console.WriteLine($"ROC AUC over {forestCount} seeds: ours {Describe(aucOurs)}, scikit-learn {Describe(aucSklearn)}, " +
                          $"difference of means {aucOurs.Average() - aucSklearn.Average():+0.0000;-0.0000}");
        Console.WriteLine($"scoring {timing.Length:N0} rows, rows/s (median of {Rounds}): scikit-learn score_samples {sklearn.RowsPerSecond:N0}");
        Console.WriteLine($"  ours ScoreMany ({Environment.ProcessorCount} cores)          {many,12:N0} = {many / sklearn.RowsPerSecond:0.0}x");
        Console.WriteLine($"  ours ScoreSamples one by one (1 core)  {oneByOne,12:N0} = {oneByOne / sklearn.RowsPerSecond:0.0}x");
        Console.WriteLine($"  ours Score with contributions (1 core) {explained,12:N0} = {explained / sklearn.RowsPerSecond:0.0}x");
        return 0;
    }

    private static string Describe(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
        return $"{mean:0.0000} ± {sd:0.0000}";
    }

    private static double Throughput(int rows, Action score)
    {
        score(); // the first call pays for JIT and tiering, not for scoring
        var rates = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            score();
            rates.Add(rows / clock.Elapsed.TotalSeconds);
        }
        return rates.Order().ElementAt(Rounds / 2);
    }

    // One latent factor drives every sensor, so a reading can be anomalous while each value alone looks normal.
    private static (double[][] Train, double[][] Test, bool[] TestLabels, string Source) Synthesize(int count, int seed)
    {
        double[] loadings = [0.9, 0.8, 0.85, 0.7, 0.9, 0.75, 0.8, 0.6];
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new double[count][];
        var labels = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var factor = Normal();
            var row = loadings.Select(a => a * factor + Math.Sqrt(1 - a * a) * Normal()).ToArray();
            if (random.NextDouble() < 0.05)
            {
                labels[i] = true;
                var j = random.Next(row.Length);
                switch (random.Next(3))
                {
                    case 0: row[j] += (random.Next(2) * 2 - 1) * (3 + 2 * random.NextDouble()); break;
                    case 1:
                        var drift = 1.5 + 1.5 * random.NextDouble();
                        row[j] += drift;
                        row[(j + 1) % row.Length] += drift;
                        break;
                    default: row[j] = -loadings[j] * factor + Math.Sqrt(1 - loadings[j] * loadings[j]) * Normal(); break;
                }
            }
            rows[i] = row;
        }
        var half = count / 2;
        return (rows[..half], rows[half..], labels[half..], $"synthetic correlated sensors, {count:N0} rows, the first half to fit");
    }

    // SKAB's own split: fit on the anomaly-free run, score every valve1 experiment (labelled by its anomaly column).
    private static (double[][] Train, double[][] Test, bool[] TestLabels, string Source) ReadSkab(string root)
    {
        var (train, _) = ReadSkabFile(Path.Combine(root, "anomaly-free", "anomaly-free.csv"));
        var runs = Directory.GetFiles(Path.Combine(root, "valve1"), "*.csv").Order().Select(ReadSkabFile).ToArray();
        return (train, [.. runs.SelectMany(r => r.Rows)], [.. runs.SelectMany(r => r.Labels)],
            $"SKAB, fit on anomaly-free ({train.Length:N0} rows), score valve1 ({runs.Length} files)");
    }

    private static (double[][] Rows, bool[] Labels) ReadSkabFile(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(';');
        var anomaly = Array.IndexOf(header, "anomaly");
        var features = Enumerable.Range(1, header.Length - 1).Where(c => header[c] is not ("anomaly" or "changepoint")).ToArray();
        var cells = lines[1..].Select(l => l.Split(';')).ToArray();
        var rows = cells.Select(c => features.Select(f => double.Parse(c[f], CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var labels = cells.Select(c => anomaly >= 0 && double.Parse(c[anomaly], CultureInfo.InvariantCulture) > 0).ToArray();
        return (rows, labels);
    }

    private sealed record ScikitLearnRun(double[][] Scores, double RowsPerSecond, double FitSeconds, string Version);

    /// <summary>The same fit and scoring done by scikit-learn in the system python3, timed there.</summary>
    private static class ScikitLearn
    {
        private const string Script = """
            import sys, time, json
            import numpy as np
            import sklearn
            from sklearn.ensemble import IsolationForest
            train = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
            test = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
            seed, rounds, forests, repeat = (int(a) for a in sys.argv[4:8])
            start = time.perf_counter()
            fitted = [IsolationForest(n_estimators=100, max_samples=256, random_state=seed + k).fit(train) for k in range(forests)]
            fit = (time.perf_counter() - start) / forests
            np.savetxt(sys.argv[3], np.array([-f.score_samples(test) for f in fitted]), fmt="%.17g", delimiter=",")
            timing = np.tile(test, (repeat, 1))
            rates = []
            for _ in range(rounds):
                start = time.perf_counter()
                fitted[0].score_samples(timing)
                rates.append(len(timing) / (time.perf_counter() - start))
            print(json.dumps({"rate": sorted(rates)[len(rates) // 2], "fit": fit, "version": sklearn.__version__}))
            """;

        public static ScikitLearnRun Run(string work, double[][] train, double[][] test, int seed, int forests, int repeat)
        {
            var (script, trainCsv, testCsv, scoresTxt) = (Path.Combine(work, "iforest.py"), Path.Combine(work, "train.csv"),
                Path.Combine(work, "test.csv"), Path.Combine(work, "sklearn-scores.txt"));
            File.WriteAllText(script, Script);
            WriteCsv(trainCsv, train);
            WriteCsv(testCsv, test);
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { script, trainCsv, testCsv, scoresTxt }.Concat(new[] { seed, Rounds, forests, repeat }.Select(v => v.ToString(CultureInfo.InvariantCulture))))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{python} with scikit-learn failed (apt-get install -y python3-sklearn?): {errors.Result}");
            using var result = System.Text.Json.JsonDocument.Parse(output);
            var root = result.RootElement;
            var scores = File.ReadAllLines(scoresTxt).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            return new ScikitLearnRun(scores, root.GetProperty("rate").GetDouble(), root.GetProperty("fit").GetDouble(),
                root.GetProperty("version").GetString() ?? "?");
        }

        private static void WriteCsv(string path, double[][] rows)
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            foreach (var row in rows) writer.WriteLine(string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
    }
}
