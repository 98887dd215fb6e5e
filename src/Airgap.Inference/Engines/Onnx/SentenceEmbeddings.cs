namespace Airgap.Inference.Engines.Onnx;

/// <summary>One L2-normalized vector per input, in input order, and the word pieces read ([CLS] and [SEP] included).</summary>
public sealed record SentenceEmbeddings(float[][] Vectors, int Tokens);
