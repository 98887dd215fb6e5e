using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Airgap.Bench;

/// <summary>The machine the figures were measured on: without it a figure cannot be compared with another.</summary>
public sealed record Machine(int Cores, string CpuModel, [property: JsonPropertyName("ram_gib")] double RamGiB, string Os, string Runtime)
{
    public static Machine Current() => new(
        Environment.ProcessorCount, ReadCpuModel(),
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    private static string ReadCpuModel()
    {
        if (File.Exists("/proc/cpuinfo"))
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
