using Airgap.Models.Packs;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Validation;

public sealed class AnomalyDetectorFilesAreChecked : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-anomaly-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<ModelValidation> Validate(string text)
    {
        var path = Path.Combine(_dir, "d.anomaly");
        await File.WriteAllTextAsync(path, text);
        Assert.Equal(ModelFormat.Anomaly, ModelFormat.Detect(path));
        return await new HeaderValidator().ValidateAsync(path, ModelFormat.Anomaly, default);
    }

    [Fact]
    public async Task A_detector_file_names_its_kind_algorithm_and_features()
    {
        var ok = await Validate("""{"kind": "airgap-anomaly-detector", "algorithm": "pca-t2q", "features": ["flow", "pressure"]}""");
        Assert.Equal("anomaly detector pca-t2q, 2 features", ok.Summary);

        Assert.StartsWith("anomaly detector file is not JSON", (await Assert.ThrowsAsync<ModelValidationException>(() => Validate("{nope"))).Message);
        Assert.Contains("\"kind\"", (await Assert.ThrowsAsync<ModelValidationException>(() => Validate("""{"algorithm": "x", "features": ["a"]}"""))).Message);
        Assert.Contains("at least one feature", (await Assert.ThrowsAsync<ModelValidationException>(() =>
            Validate("""{"kind": "airgap-anomaly-detector", "algorithm": "pca-t2q", "features": []}"""))).Message);
    }
}
