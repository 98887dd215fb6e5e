namespace Airgap.Analytics.Vision.Reading;

/// <summary>What the vision-language model read (source <c>vlm</c>, no boxes), or why it gave nothing.</summary>
public sealed record VlmAnswer(DisplayReading? Reading, string? Problem);
