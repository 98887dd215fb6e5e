namespace Airgap.Analytics.LogAnalysis;

/// <summary>One distinct template of a log and the lines it covers: the unit the analysis asks about.</summary>
/// <param name="Id">The miner's template id.</param>
/// <param name="Template">The template text, variable parts masked.</param>
/// <param name="Count">How many lines of the request have this template.</param>
/// <param name="Example">One of those lines, as written.</param>
public sealed record LogTemplateGroup(string Id, string Template, long Count, string Example);
