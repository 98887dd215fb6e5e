namespace Airgap.Analytics.Logs;

/// <summary>What <see cref="TemplateMiner.Add(string)"/> says of one line: its template's stable id and current text.</summary>
public readonly record struct TemplateMatch(int Id, string Text);
