namespace Airgap.Models.Import;

/// <summary>How an import may bend the rules: activate at once, accept unsigned packs, accept older versions.</summary>
public sealed record ImportOptions(bool Activate = false, bool AllowUnsigned = false, bool AllowDowngrade = false);

/// <summary>The outcome of an import: the version as registered, and whether it was new and active.</summary>
public sealed record ImportResult(Catalog.ModelVersion Version, bool AlreadyRegistered, string ValidationSummary);
