using System.Runtime.Intrinsics.X86;

namespace Airgap.Inference.Hardware;

/// <summary>What this machine offers for inference: memory, cores, SIMD features, GPU, free disk.</summary>
public sealed record HardwareProfile(
    long TotalMemoryBytes,
    long AvailableMemoryBytes,
    int Cores,
    bool Avx2,
    bool Avx512,
    string? Gpu,
    long FreeDiskBytes)
{
    /// <summary>Reads the profile; <paramref name="dataDirectory"/> is where free disk is measured.</summary>
    public static HardwareProfile Probe(string dataDirectory)
    {
        var (total, available) = ReadMemory();
        var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(dataDirectory))!);
        return new HardwareProfile(total, available, Environment.ProcessorCount, System.Runtime.Intrinsics.X86.Avx2.IsSupported, Avx512F.IsSupported,
            DetectGpu(), drive.AvailableFreeSpace);
    }

    /// <summary>The model classes that fit: parameters in billions a Q4_K_M model may have here.</summary>
    public string FittingModelClass()
    {
        var gib = TotalMemoryBytes / (1024.0 * 1024 * 1024);
        return (gib, Gpu is not null) switch
        {
            ( >= 30, true) => "7–14B (Q4_K_M), GPU-accelerated",
            ( >= 30, false) => "7–8B (Q4_K_M) on CPU; 1–3B for interactive speed",
            ( >= 14, _) => "1–3B (Q4_K_M)",
            ( >= 7, _) => "0.5–1.5B (Q4_K_M)",
            _ => "below 1B only (Q4_K_M)",
        };
    }

    private static (long Total, long Available) ReadMemory()
    {
        const string meminfo = "/proc/meminfo";
        if (File.Exists(meminfo))
        {
            long Read(string key) => File.ReadLines(meminfo).Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).FirstOrDefault();
            return (Read("MemTotal"), Read("MemAvailable"));
        }
        var info = GC.GetGCMemoryInfo();
        return (info.TotalAvailableMemoryBytes, info.TotalAvailableMemoryBytes - info.MemoryLoadBytes);
    }

    // NVIDIA's driver exposes its devices under /proc; other vendors' GPUs are not used by the CPU backend anyway.
    private static string? DetectGpu()
    {
        const string nvidia = "/proc/driver/nvidia/gpus";
        if (!Directory.Exists(nvidia)) return null;
        var first = Directory.EnumerateDirectories(nvidia).FirstOrDefault();
        var info = first is null ? null : Path.Combine(first, "information");
        var model = info is not null && File.Exists(info)
            ? File.ReadLines(info).FirstOrDefault(l => l.StartsWith("Model:", StringComparison.Ordinal))?[6..].Trim()
            : null;
        return model ?? "NVIDIA GPU";
    }
}
