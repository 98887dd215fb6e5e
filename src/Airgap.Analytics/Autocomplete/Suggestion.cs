namespace Airgap.Analytics.Autocomplete;

/// <summary>
/// One suggested value. <see cref="Score"/> (0–1) ranks suggestions of one source: frequency weighted by recency, times
/// the contexts' similarity for <see cref="SuggestionSource.Similar"/>; 0 for the model's, which carry no history.
/// </summary>
public sealed record Suggestion(string Value, double Score, SuggestionSource Source, long Count, DateTimeOffset? LastUsed);
