using Airgap.Models.Packs;
using Airgap.Inference.Embeddings;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Gguf;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Airgap.Server.Ollama;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Endpoints;

/// <summary>The Ollama-compatible API under /api: generation, chat, embeddings, and model management.</summary>
public static class OllamaEndpoints
{
    public static IEndpointRouteBuilder MapOllamaApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", ["GET", "HEAD"], ServerRoot.Answer).AllowWithoutKey();
        var api = app.MapGroup("/api");
        api.AddEndpointFilterFactory((context, next) => ApiErrors.Filter(context, next,
            e => Results.Json(new OllamaError(e.Message), OllamaJsonContext.Plain.OllamaError, statusCode: e.Status)));
        api.MapGet("/version", GetVersion);
        api.MapGet("/tags", GetTags);
        api.MapPost("/show", Show);
        api.MapGet("/ps", Running);
        api.MapDelete("/delete", Delete).RequireAdmin();
        api.MapPost("/copy", Copy).RequireAdmin();
        api.MapOllamaChat();
        api.MapOllamaEmbed();
        api.MapOllamaPull();
        return app;
    }

    private static Ok<OllamaVersionResponse> GetVersion() => TypedResults.Ok(new OllamaVersionResponse(ServerVersion.Current));

    // Ollama lists one entry per name:tag; here that is the active version of each.
    // At a gateway, the models its workers serve are listed too, so clients can pick them.
    private static Ok<OllamaTagsResponse> GetTags(HttpContext http, ModelRegistry registry) => TypedResults.Ok(Tags(http, registry));

    /// <summary>The model list of /api/tags (and of gRPC's ListModels): this server's models, then those only its workers serve.</summary>
    internal static OllamaTagsResponse Tags(HttpContext http, ModelRegistry registry)
    {
        var local = Listed(registry).Select(ToOllama).ToList();
        var remote = WorkerModels(http).Where(m => local.All(l => l.Name != m.Name))
            .Select(m => new OllamaModel(m.Name, m.Name, m.ImportedAt, m.Size, m.Digest,
                new OllamaModelDetails("", m.Format, m.Family, [m.Family], ParameterSize.Format(m.ParameterCount), m.Quantization ?? "")));
        return new OllamaTagsResponse([.. local, .. remote]);
    }

    /// <summary>The models this server lists as its own: the active version of each chat or embedding model, and the built-in all-minilm.</summary>
    internal static IReadOnlyList<ModelVersion> Listed(ModelRegistry registry) =>
        BuiltInEmbeddingModel.ListedWith(registry.List().Where(v => v.IsActive && v.Format != ModelFormat.Anomaly).ToList());

    /// <summary>The models a gateway's live workers serve; none on a plain server.</summary>
    internal static IReadOnlyList<Gateway.ServedModel> WorkerModels(HttpContext http) =>
        http.RequestServices.GetService<Gateway.WorkerDirectory>()?.Catalog() ?? [];

    internal static OllamaModel ToOllama(ModelVersion v) =>
        new(v.Name, v.Name, v.ImportedAt, v.Size, v.Digest, Details(v));

    internal static OllamaModelDetails Details(ModelVersion v)
    {
        var family = ModelMetadataJson.ReadGguf(v.MetadataJson)?.Architecture ?? (BuiltInEmbeddingModel.IsBuiltIn(v) ? BuiltInEmbeddingModel.Family : "");
        return new OllamaModelDetails("", v.Format, family, [family], ParameterSize.Format(v.ParameterCount), v.Quantization ?? "");
    }

    private static async Task<IResult> Show(HttpContext http, ModelRegistry registry, AirgapHome home, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaModelRequest, cancellationToken);
        var version = BuiltInEmbeddingModel.Resolve(registry, RequireModel(request.Model ?? request.Name));
        var info = new Dictionary<string, JsonElement>();
        var template = "";
        if (version.Format == Models.Packs.ModelFormat.Gguf)
        {
            var file = GgufReader.ReadFile(home.BlobPath(version.Digest));
            foreach (var (key, value) in file.Metadata.Where(kv => kv.Value is not GgufArray)) info[key] = MetadataValue(value);
            info["general.parameter_count"] = MetadataValue(version.ParameterCount ?? 0);
            template = file.Metadata.TryGetValue("tokenizer.chat_template", out var t) ? t as string ?? "" : "";
        }
        // An ONNX model is a sentence encoder: it embeds and nothing else.
        var capabilities = version.Format == Models.Packs.ModelFormat.Onnx ? new List<string> { "embedding" } : ["completion", "embedding"];
        if (BuiltInEmbeddingModel.IsBuiltIn(version))
        {
            info["general.architecture"] = MetadataValue(BuiltInEmbeddingModel.Family);
            info["general.parameter_count"] = MetadataValue(BuiltInEmbeddingModel.ParameterCount);
            info["bert.embedding_length"] = MetadataValue(BuiltInEmbeddingModel.Dimensions);
            info["bert.context_length"] = MetadataValue(BuiltInEmbeddingModel.MaxTokens);
        }
        if (template.Length > 0) capabilities.Add("tools");
        // As Ollama says it: clients (Open WebUI, OllamaSharp) offer image upload only for a model that sees.
        if (version.Projector is not null) capabilities.Add("vision");
        return Results.Json(new OllamaShowResponse($"# {version.Reference}\nFROM sha256-{version.Digest}\n", "", template, Details(version), info, capabilities, version.ImportedAt),
            OllamaJsonContext.Plain.OllamaShowResponse);
    }

    private static async Task<IResult> Running(HttpContext http, ModelHost host, CancellationToken cancellationToken)
    {
        var gateway = http.RequestServices.GetService<Gateway.GatewayStatus>() is { } status ? GatewayPsOf(await status.ReadAsync(cancellationToken)) : null;
        return Results.Json(new OllamaPsResponse(host.Loaded.Select(m => new OllamaRunningModel(m.Version.Name, m.Version.Name, m.MemoryBytes,
            m.Version.Digest, Details(m.Version), m.ExpiresAt ?? DateTimeOffset.MaxValue, 0, m.Runner.Running, m.Runner.Queue.Count,
            m.Runner.Finished.Where(f => f.Key is Inference.Generation.DoneReason.Stop or Inference.Generation.DoneReason.Length).Sum(f => f.Value),
            m.Runner.Finished.GetValueOrDefault(Inference.Generation.DoneReason.Cancelled))).ToList()) { Gateway = gateway },
            OllamaJsonContext.Plain.OllamaPsResponse);
    }

    private static GatewayPs GatewayPsOf(Gateway.GatewaySnapshot snapshot) => new(
        snapshot.Workers.Select(w => new GatewayPsWorker(w.Id, w.Host, w.Models, w.Parallel, w.Running, w.Completed, w.Started)).ToList(),
        snapshot.Queue.Select(q => new GatewayPsQueue(q.Model, q.Priority, q.Jobs)).ToList(),
        snapshot.InFlight, snapshot.Problem);

    private static async Task<IResult> Delete(HttpContext http, ModelRegistry registry, ModelImporter importer, ModelHost host, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaModelRequest, cancellationToken);
        var name = ModelName.Parse(RequireModel(request.Model ?? request.Name));
        var versions = registry.List().Where(v => v.Name == name.ToString()).ToList();
        if (versions.Count == 0) throw new ModelNotFoundException(name.ToString(), registry.List().Select(v => v.Reference).ToList());
        foreach (var v in versions)
        {
            host.Unload(v.Reference);
            await importer.RemoveAsync(name, v.Version, force: true, cancellationToken);
        }
        return Results.Ok();
    }

    private static async Task<IResult> Copy(HttpContext http, ModelRegistry registry, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaCopyRequest, cancellationToken);
        var source = registry.Resolve(RequireModel(request.Source, "source"));
        if (!ModelName.TryParse(request.Destination, out var destination, out var error)) throw new Inference.Errors.InvalidRequestException("destination", error);
        // A copy activates its version under the new name: onto a newer version that would be a downgrade, which
        // import and activate refuse too.
        var version = SemanticVersion.Parse(source.Version);
        var newer = registry.List().Where(v => v.Name == destination.ToString()).Select(v => SemanticVersion.Parse(v.Version))
            .Where(v => v > version).Max();
        if (newer is not null)
            throw new Inference.Errors.InvalidRequestException("destination",
                $"{destination} already has version {newer}, newer than {source.Reference}; copying would downgrade it (downgrade protection)");
        registry.Copy(source, destination);
        return Results.Ok();
    }

    private static JsonElement MetadataValue(object value)
    {
        var text = value switch
        {
            string s => JsonSerializer.Serialize(s, ServerJsonContext.Plain.String),
            bool b => b ? "true" : "false",
            float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
        };
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    internal static string RequireModel(string? model, string field = "model") =>
        string.IsNullOrWhiteSpace(model) ? throw new Inference.Errors.InvalidRequestException(field, "is required") : model;
}
