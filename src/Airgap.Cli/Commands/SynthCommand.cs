using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Models.Synthetic;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap synth --preset NAME [--quant f16|q8_0|q4_k_m] --out FILE.gguf [--projector MMPROJ.gguf]`: a random-weight model of
/// a real shape, and for a vision preset its vision projector.
/// </summary>
public static class SynthCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON" };

    public static Command Create()
    {
        var preset = new Option<string>("--preset")
            { Required = true, Description = "tiny, qwen3-0.6b, llama3.2-1b, llama3.2-3b, or a vision-language pair: tiny-vlm, smolvlm-256m" };
        var quant = new Option<string>("--quant") { Description = "f16 (default), q8_0, q4_k_m, …", DefaultValueFactory = _ => "f16" };
        var output = new Option<string>("--out") { Required = true, Description = "The GGUF file to write" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed for the weights", DefaultValueFactory = _ => 42 };
        var projector = new Option<string?>("--projector") { Description = "Also write the vision projector (mmproj) of a vision-language preset here" };
        var command = new Command("synth", "Write a synthetic GGUF model (random weights, real shape) for tests and capacity planning")
            { preset, quant, output, seed, projector, Json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var shape = SyntheticPreset.Find(parse.GetValue(preset)!)
                ?? throw new ArgumentException($"unknown preset '{parse.GetValue(preset)}' (one of: {string.Join(", ", SyntheticPreset.All.Select(p => p.Name))})");
            var label = parse.GetValue(quant)!.ToLowerInvariant();
            if (!GgufQuantizer.Supported.Contains(label))
                throw new ArgumentException($"unknown quantization '{label}' (one of: {string.Join(", ", GgufQuantizer.Supported)})");
            var projectorShape = parse.GetValue(projector) is null ? null : SyntheticProjectorPreset.Find(shape.Name)
                ?? throw new ArgumentException($"preset '{shape.Name}' has no vision projector (one of: {string.Join(", ", SyntheticProjectorPreset.All.Select(p => p.Name))})");
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var report = new PhaseReport();
            report.Phase("synth", $"writing {shape.Name} with random weights (f16)");
            if (label == "f16")
            {
                SyntheticModelWriter.Write(path, shape, seed: parse.GetValue(seed));
            }
            else
            {
                var f16 = path + ".f16.tmp";
                try
                {
                    SyntheticModelWriter.Write(f16, shape, seed: parse.GetValue(seed));
                    report.Phase("synth", $"quantizing to {label}");
                    GgufQuantizer.Quantize(f16, path, label);
                }
                finally
                {
                    File.Delete(f16);
                }
            }
            string? projectorPath = null;
            if (projectorShape is not null)
            {
                projectorPath = Path.GetFullPath(parse.GetValue(projector)!);
                report.Phase("synth", $"writing the {projectorShape.Name} vision projector (f16)");
                SyntheticProjectorWriter.Write(projectorPath, projectorShape, seed: parse.GetValue(seed));
            }
            report.Complete();
            if (parse.GetValue(Json))
            {
                CliOutput.WriteJson(new { Path = path, Preset = shape.Name, Quantization = label, Size = new FileInfo(path).Length,
                    Projector = projectorPath, ProjectorSize = projectorPath is null ? (long?)null : new FileInfo(projectorPath).Length });
                return Task.FromResult(0);
            }
            CliOutput.Line($"wrote {path} ({shape.Name}, {label}, {CliOutput.Bytes(new FileInfo(path).Length)})");
            if (projectorShape is not null)
                CliOutput.Line($"wrote {projectorPath} ({projectorShape.Name} vision projector, f16, {CliOutput.Bytes(new FileInfo(projectorPath!).Length)})");
            return Task.FromResult(0);
        }));
        return command;
    }
}
