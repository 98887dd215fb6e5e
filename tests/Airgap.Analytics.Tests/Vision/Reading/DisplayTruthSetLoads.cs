using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

public sealed class DisplayTruthSetLoads : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("airgap-truth-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Without_an_index_every_json_that_names_an_image_is_a_truth()
    {
        File.WriteAllText(Path.Combine(_folder, "b.json"), """{"values": [{"name": "", "value": 1.25, "unit": "V"}], "warnings": ["Low battery"], "kind": "segment", "image": "b.jpg"}""");
        File.WriteAllText(Path.Combine(_folder, "a.json"), """{"values": [], "warnings": [], "kind": "hmi", "image": "a.png"}""");
        File.WriteAllText(Path.Combine(_folder, "notes.json"), """{"about": "not a truth"}""");

        var set = DisplayTruthSet.Load(_folder);

        Assert.Equal(["a.png", "b.jpg"], set.Images.Select(i => i.Image));
        Assert.Equal(["hmi", "segment"], set.Images.Select(i => i.Kind));
        var value = Assert.Single(set.Images[1].Values);
        Assert.Equal((1.25, "V", 2), (value.Value, value.Unit, value.Decimals));
        Assert.Equal(["Low battery"], set.Images[1].Warnings);
    }

    [Fact]
    public void An_index_decides_which_truths_and_kinds_there_are()
    {
        File.WriteAllText(Path.Combine(_folder, "index.json"), """{"images": [{"image": "x.png", "truth": "x-truth.json", "kind": "photo"}]}""");
        File.WriteAllText(Path.Combine(_folder, "x-truth.json"), """{"values": [], "warnings": [], "kind": "hmi", "image": "x.png"}""");
        File.WriteAllText(Path.Combine(_folder, "y.json"), """{"values": [], "warnings": [], "kind": "hmi", "image": "y.png"}""");

        var image = Assert.Single(DisplayTruthSet.Load(_folder).Images);

        Assert.Equal(("x.png", "photo"), (image.Image, image.Kind));
    }

    [Fact]
    public void A_missing_folder_is_refused()
    {
        var missing = Path.Combine(_folder, "nope");

        var e = Assert.Throws<ArgumentException>(() => DisplayTruthSet.Load(missing));

        Assert.Equal($"{missing}: no such directory", e.Message);
    }

    [Fact]
    public void A_folder_without_truth_is_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "notes.json"), """{"about": "not a truth"}""");

        var e = Assert.Throws<ArgumentException>(() => DisplayTruthSet.Load(_folder));

        Assert.Equal($"{_folder}: no truth files (index.json, or *.json with an \"image\" field)", e.Message);
    }

    [Fact]
    public void A_truth_value_without_a_number_is_refused_naming_the_file()
    {
        var path = Path.Combine(_folder, "a.json");
        File.WriteAllText(path, """{"values": [{"name": "P", "value": "14.9", "unit": "bar"}], "warnings": [], "image": "a.png"}""");

        var e = Assert.Throws<InvalidDataException>(() => DisplayTruthSet.Load(_folder));

        Assert.Equal($"{path}: has a value without a numeric \"value\"", e.Message);
    }

    [Fact]
    public void A_truth_that_is_not_json_is_refused_naming_the_file()
    {
        var path = Path.Combine(_folder, "index.json");
        File.WriteAllText(path, "{\"images\": [");

        var e = Assert.Throws<InvalidDataException>(() => DisplayTruthSet.Load(_folder));

        Assert.StartsWith($"{path}: is not valid JSON", e.Message);
    }
}
