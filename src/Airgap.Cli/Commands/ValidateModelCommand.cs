using System.CommandLine;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Models.Packs;
using Airgap.Models.Validation;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap validate-model FORMAT FILE [--projector MMPROJ]` (hidden): the child process of import's validation. Parses
/// the headers first, so llama.cpp never sees a malformed file, then loads the model (and its vision projector, then
/// showing it an image) and generates a few tokens.
/// </summary>
public static class ValidateModelCommand
{
    public const string Name = "validate-model";

    public static Command Create()
    {
        var format = new Argument<string>("FORMAT");
        var file = new Argument<string>("FILE");
        var projector = new Option<string?>(ChildProcessValidator.ProjectorOption) { Description = "A vision projector (mmproj) to load beside the model" };
        var command = new Command(Name, "Load a model and generate a few tokens (used by import, in a child process)") { format, file, projector };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var projectorPath = parse.GetValue(projector);
            try
            {
                var header = await new HeaderValidator().ValidateAsync(path, parse.GetValue(format)!, projectorPath, cancellationToken);
                if (parse.GetValue(format) == ModelFormat.Anomaly)
                {
                    // Loaded as the service will load it, and made to score: a detector that cannot is refused here.
                    var detector = Airgap.Analytics.Anomaly.DetectorFile.Load(path);
                    var score = detector.Model.Detector.Score(new double[detector.Features.Count]);
                    if (!double.IsFinite(score.Score)) throw new InvalidDataException("the detector scores a reading as not a number");
                    Console.Out.WriteLine("loaded and scored a reading");
                    return 0;
                }
                if (parse.GetValue(format) == ModelFormat.Onnx)
                {
                    Console.Out.WriteLine(Airgap.Inference.Engines.Onnx.OnnxSmokeTest.Run(path));
                    return 0;
                }
                if (parse.GetValue(format) != ModelFormat.Gguf)
                {
                    Console.Out.WriteLine(header.Summary);
                    return 0;
                }
                var run = LlamaSmokeTest.Run(path, maxTokens: 4, projectorPath: projectorPath);
                var seen = projectorPath is null ? "" : $" from a prompt with an image ({run.PromptTokens} positions)";
                Console.Out.WriteLine($"llama.cpp loaded it in {run.LoadTime.TotalMilliseconds:0} ms and generated {run.GeneratedTokens} tokens{seen}");
                return run.GeneratedTokens > 0 ? 0 : 1;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
