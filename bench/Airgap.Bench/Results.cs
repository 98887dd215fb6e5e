namespace Airgap.Bench;

/// <summary>Figures collected per round; printed as medians with the spread, and the ratios between medians.</summary>
public sealed class Results
{
    private readonly List<(string Name, List<double> Values)> _figures = [];
    private readonly List<Ratio> _ratios = [];

    public void Add(string name, double value)
    {
        var entry = _figures.FirstOrDefault(f => f.Name == name);
        if (entry.Values is null) _figures.Add((name, [value]));
        else entry.Values.Add(value);
    }

    public bool Has(string name) => _figures.Any(f => f.Name == name);

    public double Median(string name)
    {
        var values = _figures.First(f => f.Name == name).Values.Order().ToList();
        return values[values.Count / 2];
    }

    /// <summary>Records and returns median(numerator) / median(denominator).</summary>
    public double AddRatio(string name, string numerator, string denominator, string? target = null)
    {
        var value = Median(numerator) / Median(denominator);
        _ratios.Add(new Ratio(name, numerator, denominator, value, target));
        return value;
    }

    public IEnumerable<Figure> Figures =>
        _figures.Select(f => new Figure(f.Name, Median(f.Name), f.Values.Min(), f.Values.Max(), f.Values.Count));

    public IReadOnlyList<Ratio> Ratios => _ratios;

    public void Print()
    {
        Console.WriteLine($"{"figure",-52} {"median",10} {"min",10} {"max",10}");
        foreach (var figure in Figures)
            Console.WriteLine($"{figure.Name,-52} {figure.Median,10:0.0} {figure.Min,10:0.0} {figure.Max,10:0.0}");
    }

    public void PrintRatios()
    {
        foreach (var ratio in _ratios)
            Console.WriteLine($"{ratio.Name,-52} {ratio.Value,10:0.00}{(ratio.Target is null ? "" : $"   (target {ratio.Target})")}");
    }
}
