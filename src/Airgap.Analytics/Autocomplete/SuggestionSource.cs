namespace Airgap.Analytics.Autocomplete;

/// <summary>Where a suggestion came from.</summary>
public enum SuggestionSource
{
    /// <summary>Accepted before in exactly this context.</summary>
    History,

    /// <summary>Accepted before in a context whose embedding is near this one's.</summary>
    Similar,

    /// <summary>Proposed by the autocomplete model, asked because history was thin.</summary>
    Llm,
}
