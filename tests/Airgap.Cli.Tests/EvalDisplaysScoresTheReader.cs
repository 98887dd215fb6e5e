using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Cli.Tests;

public sealed class EvalDisplaysScoresTheReader : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private string BlankSet(bool withImage = true)
    {
        var dir = Path.Combine(_airgap.Root, "displays");
        Directory.CreateDirectory(dir);
        if (withImage)
        {
            using var image = new Image<Rgb24>(320, 200, new Rgb24(128, 128, 128));
            image.SaveAsPng(Path.Combine(dir, "blank.png"));
        }
        File.WriteAllText(Path.Combine(dir, "blank.json"),
            """{"values": [{"name": "", "value": 12.5, "unit": "V", "shown": "12.5"}], "warnings": ["Low battery"], "kind": "segment", "image": "blank.png"}""");
        return dir;
    }

    [Fact]
    public async Task Every_image_is_read_scored_and_written_beside_the_figures()
    {
        var dir = BlankSet();
        var output = Path.Combine(_airgap.Root, "predictions");

        using var result = JsonDocument.Parse(await _airgap.OkAsync("eval", "displays", dir, "--json", "--out", output));

        var segment = Assert.Single(result.RootElement.GetProperty("kinds").EnumerateArray());
        Assert.Equal(("segment", 1, 1, 0, 1), (segment.GetProperty("kind").GetString(), segment.GetProperty("images").GetInt32(),
            segment.GetProperty("truth_values").GetInt32(), segment.GetProperty("matched_values").GetInt32(), segment.GetProperty("truth_warnings").GetInt32()));
        Assert.Equal(0, result.RootElement.GetProperty("overall").GetProperty("recall").GetDouble());
        var image = Assert.Single(result.RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal(["=12.5 V"], image.GetProperty("missed_values").EnumerateArray().Select(v => v.GetString()));
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "blank.json")));
        Assert.Equal(JsonValueKind.Array, written.RootElement.GetProperty("values").ValueKind);

        var table = await _airgap.OkAsync("eval", "displays", dir);
        Assert.Contains("segment", table);
        Assert.Contains("overall 1 image: values P 0.000 R 0.000 F1 0.000 (0 of 1 true, ", table);
    }

    [Fact]
    public async Task A_missing_folder_or_one_without_truth_is_one_line_and_exit_1()
    {
        var missing = Path.Combine(_airgap.Root, "nope");
        var empty = Directory.CreateDirectory(Path.Combine(_airgap.Root, "empty")).FullName;

        var (code, output, error) = await _airgap.RunAsync("eval", "displays", missing);
        Assert.Equal((1, "", $"error: {missing}: no such directory"), (code, output, error.Trim()));
        (code, output, error) = await _airgap.RunAsync("eval", "displays", empty);
        Assert.Equal((1, "", $"error: {empty}: no truth files (index.json, or *.json with an \"image\" field)"), (code, output, error.Trim()));
    }

    [Fact]
    public async Task An_image_that_cannot_be_read_is_scored_as_missing_and_fails_the_run()
    {
        var dir = BlankSet(withImage: false);

        var (code, output, error) = await _airgap.RunAsync("eval", "displays", dir, "--json");

        Assert.Equal(1, code);
        Assert.Contains("blank.png", error);
        using var result = JsonDocument.Parse(output);
        Assert.Equal(1, result.RootElement.GetProperty("overall").GetProperty("missing").GetInt32());
    }
}
