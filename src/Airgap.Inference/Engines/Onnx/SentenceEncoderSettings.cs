namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// How a sentence encoder runs: longest input in word pieces, ONNX Runtime threads (0: its default), inputs per run,
/// and how many calls may wait for their turn before the next is refused.
/// </summary>
public sealed record SentenceEncoderSettings(int MaxTokens = 256, int Threads = 0, int BatchSize = 32, int MaxWaiting = 256);
