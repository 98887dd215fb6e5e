using Airgap.Inference.Engines.Onnx;

namespace Airgap.Inference.Tests;

/// <summary>The built-in all-MiniLM-L6-v2 encoder, opened once for a test class (the session takes a second to build).</summary>
public sealed class MiniLmEncoderFixture : IDisposable
{
    public MiniLmEncoderFixture()
    {
        using var vocabulary = MiniLmPackage.OpenVocabulary();
        Encoder = OnnxSentenceEncoder.FromBytes(MiniLmPackage.ReadModel(), vocabulary, new SentenceEncoderSettings(256, Threads: 2, BatchSize: 4), "all-minilm:latest");
    }

    public OnnxSentenceEncoder Encoder { get; }

    public async Task<float[]> EmbedAsync(string text) => (await Encoder.EncodeAsync([text], default)).Vectors[0];

    public static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum() / (Norm(a) * Norm(b));

    public static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    public void Dispose() => Encoder.Dispose();
}
