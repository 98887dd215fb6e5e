namespace Airgap.Analytics.Autocomplete;

/// <summary>A value accepted for a parameter in one context: how often, and when last.</summary>
public sealed record AcceptedValue(string Value, long Count, DateTimeOffset LastUsed);
