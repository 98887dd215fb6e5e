using Airgap.Analytics;
using Airgap.Analytics.LogAnalysis;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Server.Endpoints;
using Airgap.Server.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/logs/analyze: mine a log's templates and say, per template, how bad it is and what to do.</summary>
public static class LogAnalysisEndpoints
{
    /// <summary>
    /// The rules (a site's rules file is read now, so a bad one stops the start in one line), the answer cache and the
    /// analysis service. <paramref name="remoteModels"/>: the models run on a gateway's workers, not in this registry.
    /// </summary>
    public static IServiceCollection AddLogAnalysis(this IServiceCollection services, AirgapHome home, AnalyticsOptions options, bool remoteModels = false)
    {
        var rules = LogRuleSet.Load(RulesPath(home, options.RulesFile));
        services.AddSingleton(rules);
        services.AddSingleton(_ => new LogAnalysisCache(Path.Combine(home.AnalyticsDirectory, LogAnalysisCache.FileName)));
        services.AddSingleton(sp => new TemplateAnalyzer(sp.GetRequiredService<IChatClient>(), remoteModels ? RemoteVersionLookup : VersionLookup(sp.GetRequiredService<ModelRegistry>()),
            rules, sp.GetRequiredService<LogAnalysisCache>(), options, sp.GetRequiredService<ILoggerFactory>().CreateLogger<TemplateAnalyzer>()));
        services.AddSingleton(sp => new LogAnalysisService(sp.GetRequiredService<TemplateAnalyzer>(), options));
        return services;
    }

    /// <summary>Maps POST /v1/logs/analyze; its errors have OpenAI's shape, as everything under /v1 does (param names the field).</summary>
    public static IEndpointRouteBuilder MapLogAnalysis(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithOpenAiErrors().MapPost("/logs/analyze", Analyze).AllowRespondAsync(jsonOnly: false);
        return app;
    }

    /// <summary>A rules file named relative to the data home, or absolute; null when none is set.</summary>
    public static string? RulesPath(AirgapHome home, string? rulesFile) =>
        string.IsNullOrWhiteSpace(rulesFile) ? null : Path.GetFullPath(rulesFile, home.Root);

    /// <summary>Which registered version would answer for a model name: reference and digest, or null when it is not installed.</summary>
    public static ModelVersionLookup VersionLookup(ModelRegistry registry) => model =>
    {
        try
        {
            var version = registry.Resolve(model);
            return $"{version.Reference} {version.Digest}";
        }
        catch (Exception e) when (e is ModelNotFoundException or RegistryException)
        {
            return null;
        }
    };

    // At a gateway the workers hold the versions; answers are cached by the model's name (an update there needs a cache clear).
    private static string? RemoteVersionLookup(string model) => $"gateway {model.Trim().ToLowerInvariant()}";

    private static async Task<JsonHttpResult<LogAnalysisResponse>> Analyze(HttpRequest request, LogAnalysisService service, AnalyticsOptions options,
        CancellationToken cancellationToken)
    {
        var input = await LogAnalysisRequestReader.ReadAsync(request, options, cancellationToken);
        if (input.Model is { Length: > 0 } model && !ModelName.TryParse(model.Split('@', 2)[0], out _, out var error))
            throw new InvalidRequestException("model", error);
        var report = await service.AnalyzeAsync(input.Lines, input.Format, input.Model, cancellationToken, input.Field);
        return TypedResults.Json(ToWire(report), LogAnalysisJsonContext.Plain.LogAnalysisResponse);
    }

    /// <summary>A report in its wire shape (the CLI's --json prints the same).</summary>
    public static LogAnalysisResponse ToWire(LogAnalysisReport report) => new(
        report.Templates.Select(t => new LogTemplateAnalysisWire(t.Group.Id, t.Group.Template, t.Group.Count, t.Group.Example,
            new LogAnalysisWire(t.Analysis.Severity, t.Analysis.Category, t.Analysis.LikelyCause, t.Analysis.SuggestedAction, t.Analysis.Source))).ToList(),
        report.Lines.Select(l => new LogLineWire(l.Number, l.Text, l.TemplateId)).ToList(),
        report.Source, report.Model, report.Format, report.Notes, (long)report.Elapsed.TotalMilliseconds);
}
