namespace Airgap.Bench;

/// <summary>Resident memory of a process that holds only the served model: loaded and idle, then with 1, 4 and 8 streams.</summary>
public sealed record MemoryFigures(double LoadedMiB, double OneStreamMiB, double FourStreamsMiB, double EightStreamsMiB)
{
    public double PerExtraStreamOf4MiB => (FourStreamsMiB - OneStreamMiB) / 3;

    public double PerExtraStreamOf8MiB => (EightStreamsMiB - OneStreamMiB) / 7;
}
