namespace Airgap.Bench;

/// <summary>Figures collected per round; printed as medians with the spread.</summary>
public sealed class Results
{
    private readonly List<(string Name, List<double> Values)> _figures = [];

    public void Add(string name, double value)
    {
        var entry = _figures.FirstOrDefault(f => f.Name == name);
        if (entry.Values is null) _figures.Add((name, [value]));
        else entry.Values.Add(value);
    }

    public double Median(string name)
    {
        var values = _figures.First(f => f.Name == name).Values.Order().ToList();
        return values[values.Count / 2];
    }

    public void Print()
    {
        Console.WriteLine($"{"figure",-40} {"median",10} {"min",10} {"max",10}");
        foreach (var (name, values) in _figures)
            Console.WriteLine($"{name,-40} {Median(name),10:0.0} {values.Min(),10:0.0} {values.Max(),10:0.0}");
    }
}
