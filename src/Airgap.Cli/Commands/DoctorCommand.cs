using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Inference.Hardware;

namespace Airgap.Cli.Commands;

/// <summary>`airgap doctor [--json]`: the hardware, what model classes fit, and each registered model's RAM need.</summary>
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
            var models = site.Registry.List().Select(v => new
            {
                Model = v.Reference,
                EstimatedRamBytes = MemoryEstimate.Bytes(v.MetadataJson, v.Size),
                Fits = MemoryEstimate.Bytes(v.MetadataJson, v.Size) < hw.AvailableMemoryBytes,
            }).ToList();
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { Hardware = hw, FittingModels = hw.FittingModelClass(), Home = site.Home.Root, Models = models });
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
            ]);
            if (models.Count > 0)
                CliOutput.Table(["MODEL", "EST. RAM", "FITS"], models.Select(m => (IReadOnlyList<string>)[m.Model, CliOutput.Bytes(m.EstimatedRamBytes), m.Fits ? "yes" : "no"]));
            return Task.FromResult(0);
        }));
        return command;
    }
}
