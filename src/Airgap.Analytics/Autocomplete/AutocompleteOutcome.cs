namespace Airgap.Analytics.Autocomplete;

/// <summary>Ranked suggestions (exact context, then similar contexts, then the model) and, in words, what was skipped and why.</summary>
public sealed record AutocompleteOutcome(IReadOnlyList<Suggestion> Suggestions, IReadOnlyList<string> Notes);
