namespace Airgap.Analytics.Logs;

/// <summary>One line split by a <see cref="LogFormat"/>: its header field values (in the format's order) and its content.</summary>
/// <param name="Matched">False when the line did not match the format; its whole text is then the content.</param>
/// <param name="Fields">Header field values, in <see cref="LogFormat.Fields"/> order (null where the line did not match).</param>
/// <param name="Content">The message part.</param>
public sealed record ParsedLogLine(bool Matched, IReadOnlyList<string?> Fields, string Content);
