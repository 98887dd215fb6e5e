using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>
/// GET /api/airgap/models and GET /api/airgap/audit: the registry as `airgap models list` and `airgap audit verify` show it
/// (every version, validated and active or not; the audit trail and whether its chain holds), read-only, for the dashboard.
/// </summary>
public static class RegistryEndpoints
{
    /// <summary>Audit entries GET /api/airgap/audit returns when the request names no limit.</summary>
    public const int DefaultAuditLimit = 100;

    /// <summary>Most audit entries one GET /api/airgap/audit returns.</summary>
    public const int MaxAuditLimit = 1000;

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var airgap = app.MapGroup("/api/airgap");
        airgap.MapGet("/models", Models);
        airgap.MapGet("/audit", Audit).RequireAdmin();
        return app;
    }

    private static IResult Models(ModelRegistry registry, ModelHost host)
    {
        var loaded = host.Loaded.GroupBy(m => m.Version.LoadKey).ToDictionary(g => g.Key, g => g.First().MemoryBytes);
        var models = registry.List().OrderBy(v => v.Name, StringComparer.Ordinal).ThenByDescending(v => v.ImportedAt)
            .Select(v => new RegistryModel(v.Name, v.Version, v.IsActive, v.Format, v.Digest, v.Size, v.Quantization, v.ParameterCount,
                v.SignerKeyId, v.Source, v.ValidatedAt, v.ImportedAt, loaded.ContainsKey(v.LoadKey),
                loaded.TryGetValue(v.LoadKey, out var memory) ? memory : null))
            .ToList();
        return Results.Json(new RegistryModelList(models), RegistryJsonContext.Plain.RegistryModelList);
    }

    private static IResult Audit(ModelRegistry registry, string? limit)
    {
        var count = DefaultAuditLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxAuditLimit))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "invalid request",
                detail: $"limit: must be a whole number from 1 to {MaxAuditLimit}");
        var report = registry.CheckAudit();
        var entries = registry.Audit().OrderByDescending(e => e.Id).Take(count)
            .Select(e => new AuditRecord(e.Id, e.At, e.Action, e.Name, e.Version, e.Detail, e.Actor, e.Hash)).ToList();
        var verification = new AuditVerification(report.IsIntact, report.Entries, report.Head, report.RegisteredVersions, report.BrokenEntryId, report.Problem);
        return Results.Json(new AuditResponse(verification, entries), RegistryJsonContext.Plain.AuditResponse);
    }
}
