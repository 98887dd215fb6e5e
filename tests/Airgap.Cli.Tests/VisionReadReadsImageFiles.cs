using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class VisionReadReadsImageFiles : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private static string Panel => Path.Combine(AppContext.BaseDirectory, "Displays", "hmi_001.png");

    [Fact]
    public async Task Json_is_one_reading_per_image_per_line_and_out_writes_a_file_per_image()
    {
        var copy = Path.Combine(_airgap.Root, "cooling-tower.png");
        File.Copy(Panel, copy);
        var outDir = Path.Combine(_airgap.Root, "readings");

        var lines = (await _airgap.OkAsync("vision", "read", Panel, copy, "--json", "--out", outDir)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var values = first.RootElement.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(8, values.Count);
        Assert.Contains(values, v => v.GetProperty("name").GetString() == "Durchfluss" && v.GetProperty("unit").GetString() == "m³/h");
        Assert.Equal(["High level in sump"], first.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.True(File.Exists(Path.Combine(outDir, "hmi_001.json")));
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "cooling-tower.json")));
        Assert.Equal(8, written.RootElement.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task An_image_that_is_missing_or_not_an_image_is_one_line_each_and_a_non_zero_exit_while_the_others_are_read()
    {
        var text = Path.Combine(_airgap.Root, "notes.png");
        File.WriteAllText(text, "not an image");

        var (code, stdout, stderr) = await _airgap.RunAsync("vision", "read", text, Panel, Path.Combine(_airgap.Root, "missing.png"), "--json");

        Assert.Equal(1, code);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"{text}: is not an image", errors[0]);
        Assert.Contains("missing.png", errors[1]);
    }
}
