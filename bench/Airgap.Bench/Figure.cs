namespace Airgap.Bench;

/// <summary>One measured figure over the rounds: the median is the figure, min and max its spread.</summary>
public sealed record Figure(string Name, double Median, double Min, double Max, int Rounds);

/// <summary>A ratio of two figures' medians, named after what it compares.</summary>
public sealed record Ratio(string Name, string Numerator, string Denominator, double Value, string? Target = null);
