using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Inference.Hardware;

namespace Airgap.Cli.Commands;

/// <summary>`airgap doctor [--json]`: the hardware, what model classes fit, and each registered model's RAM need as a server would load it.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("doctor", "Check this machine: RAM, cores, CPU features, GPU, disk, and which models fit") { json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var site = CliSite.Open(parse);
            var hw = HardwareProfile.Probe(site.Home.Root);
            var served = site.ServedInference(out var settingsProblem);
            var models = site.Registry.List().Select(v => (Version: v, Capacity: ModelCapacity.Of(v.MetadataJson, v.Size, served, hw.AvailableMemoryBytes)))
                .Select(m => new
                {
                    Model = m.Version.Reference,
                    EstimatedRamBytes = m.Capacity.LoadedBytes,
                    m.Capacity.WeightsBytes,
                    m.Capacity.KvCacheBytes,
                    m.Capacity.Fits,
                    m.Capacity.StreamsThatFit,
                    m.Capacity.ContextThatFits,
                }).ToList();
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { Hardware = hw, FittingModels = hw.FittingModelClass(), Home = site.Home.Root,
                    Serving = new { served.ContextLength, served.Parallel, Problem = settingsProblem }, Models = models });
                return Task.FromResult(0);
            }
            CliOutput.Table(["CHECK", "VALUE"],
            [
                ["RAM", $"{CliOutput.Bytes(hw.TotalMemoryBytes)} total, {CliOutput.Bytes(hw.AvailableMemoryBytes)} available"],
                ["CPU cores", hw.Cores.ToString()],
                ["AVX2 / AVX-512", $"{(hw.Avx2 ? "yes" : "no")} / {(hw.Avx512 ? "yes" : "no")}"],
                ["GPU", hw.Gpu ?? "none (CPU inference)"],
                ["free disk in home", $"{CliOutput.Bytes(hw.FreeDiskBytes)} ({site.Home.Root})"],
                ["models that fit", hw.FittingModelClass()],
                ["serving", $"num_parallel {served.Parallel} × num_ctx {served.ContextLength}" + (settingsProblem is null ? " (airgap.json, AIRGAP_*)" : $" (defaults: {settingsProblem})")],
            ]);
            if (models.Count > 0)
                CliOutput.Table(["MODEL", "WEIGHTS", "KV CACHE", "EST. RAM", "FITS", "STREAMS THAT FIT", "CONTEXT THAT FITS"], models.Select(m => (IReadOnlyList<string>)
                    [m.Model, CliOutput.Bytes(m.WeightsBytes), CliOutput.Bytes(m.KvCacheBytes), CliOutput.Bytes(m.EstimatedRamBytes), m.Fits ? "yes" : "no",
                     m.StreamsThatFit is { } s ? $"{s} at num_ctx {served.ContextLength}" : "-",
                     m.ContextThatFits is { } c ? $"{c} × {served.Parallel} streams" : "-"]));
            return Task.FromResult(0);
        }));
        return command;
    }
}
