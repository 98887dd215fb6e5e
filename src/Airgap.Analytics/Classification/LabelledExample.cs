namespace Airgap.Analytics.Classification;

/// <summary>A text a person has already put in a category: the few-shot prompt and the embedding fallback learn from it.</summary>
public sealed record LabelledExample(string Text, string Label);
