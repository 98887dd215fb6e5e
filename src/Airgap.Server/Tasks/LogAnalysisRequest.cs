namespace Airgap.Server.Tasks;

/// <summary>What a log analysis request asks: its lines (and the field they came in), the header format and the model.</summary>
public sealed record LogAnalysisRequest(IReadOnlyList<string> Lines, string Field, string? Format, string? Model);
