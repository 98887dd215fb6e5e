namespace Airgap.Analytics.Search;

/// <summary>A text a caller adds: its id (null: derived from the text, so adding it twice keeps one) and optional metadata (JSON).</summary>
public sealed record TextToStore(string? Id, string Text, string? Metadata);
