using System.CommandLine;
using System.Text.Json;
using Airgap.Analytics.Vision;
using Airgap.Analytics.Vision.Reading;
using Airgap.Cli.Output;

namespace Airgap.Cli.Commands;

/// <summary>`airgap vision read IMAGE...`: the display reader, in-process on the built-in OCR models.</summary>
public static class VisionCommand
{
    public static Command Create()
    {
        var command = new Command("vision", "Read equipment displays");
        command.Subcommands.Add(Read());
        return command;
    }

    private static Command Read()
    {
        var images = new Argument<string[]>("image") { Description = "Image files (PNG, JPEG, BMP, GIF, TIFF, WebP)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print each image's reading as one JSON object per line" };
        var profile = new Option<string?>("--profile") { Description = "JSON profile of the expected parameters: names, units, limits" };
        var output = new Option<string?>("--out") { Description = "Also write <image base name>.json per image into this folder" };
        var threads = new Option<int>("--threads") { Description = "Threads for ONNX Runtime (default: its own choice)" };
        var command = new Command("read", "Values with names and units, and active warnings, read from photos and screenshots of equipment displays")
            { images, json, profile, output, threads };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(() =>
        {
            var expected = parse.GetValue(profile) is { } path ? DisplayProfile.Load(path) : null;
            var outDir = parse.GetValue(output);
            if (outDir is not null) Directory.CreateDirectory(outDir);
            using var reader = DisplayReader.OpenBuiltIn(parse.GetValue(threads));
            var failed = 0;
            foreach (var image in parse.GetValue(images)!)
            {
                DisplayReading reading;
                try
                {
                    using var decoded = ImageTensor.Decode(ImageFile.Read(image));
                    reading = reader.Read(decoded, expected, cancellationToken);
                }
                catch (Exception e) when (ImageFile.IsImageFailure(e))
                {
                    Console.Error.WriteLine($"{image}: {ImageFile.Problem(e)}");
                    failed++;
                    continue;
                }
                if (outDir is not null)
                    File.WriteAllText(Path.Combine(outDir, Path.GetFileNameWithoutExtension(image) + ".json"), JsonSerializer.Serialize(reading, DisplayReadingJson.Indented));
                if (parse.GetValue(json)) CliOutput.Line(JsonSerializer.Serialize(reading, DisplayReadingJson.Compact));
                else Print(image, reading);
            }
            return Task.FromResult(failed == 0 ? 0 : 1);
        }));
        return command;
    }

    private static void Print(string image, DisplayReading reading)
    {
        CliOutput.Line($"{image}: {reading.Values.Count} values, {reading.Warnings.Count} warnings ({reading.Source}, {reading.ElapsedMs} ms)");
        CliOutput.Table(["NAME", "VALUE", "UNIT", "CONFIDENCE"], reading.Values.Select(v => (IReadOnlyList<string>)
            [v.Name, v.Shown, v.Unit, v.Confidence.ToString("0.00")]));
        foreach (var warning in reading.Warnings) CliOutput.Line($"WARNING  {warning}");
    }
}
