using System.Text.Json.Serialization;
using System.Threading.Channels;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;
using Airgap.Server.Observability;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Ollama;

public sealed record OllamaPullRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("stream")] bool? Stream);

public sealed record OllamaPullStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("digest"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Digest = null,
    [property: JsonPropertyName("total"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total = null,
    [property: JsonPropertyName("completed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Completed = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

/// <summary>
/// POST /api/pull: Ollama's pull, from the air-gapped side — the pack of that name with the highest version is
/// imported from the configured pack sources (USB mounts, shares) with every import check, streaming progress.
/// </summary>
public static class OllamaPullEndpoints
{
    public static RouteGroupBuilder MapOllamaPull(this RouteGroupBuilder api)
    {
        api.MapPost("/pull", Pull).RequireAdmin();
        return api;
    }

    private static async Task ImportAsync(ModelImporter importer, PullImportLog log, string directory, IProgress<CopyProgress> progress,
        ChannelWriter<OllamaPullStatus> statuses, CancellationToken cancellationToken)
    {
        try
        {
            var result = await importer.ImportPackAsync(directory, new ImportOptions(), progress, cancellationToken);
            log.Imported(result.Version.Reference, directory);
            statuses.TryWrite(new OllamaPullStatus("verifying sha256 digest", "sha256:" + result.Version.Digest));
            statuses.TryWrite(new OllamaPullStatus("success"));
        }
        catch (Exception e)
        {
            log.Refused(directory, e.Message);
            statuses.TryWrite(new OllamaPullStatus("error", Error: e.Message));
        }
        finally
        {
            statuses.TryComplete();
        }
    }

    private static async Task<IResult> Pull(HttpContext http, PackSources sources, ModelImporter importer, ModelRegistry registry,
        PullImportLog log, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaPullRequest, cancellationToken);
        var text = request.Model ?? request.Name;
        // NAME@X.Y.Z pulls that version; NAME the highest any source holds.
        SemanticVersion? version = null;
        if (text?.IndexOf('@') is int at && at >= 0)
        {
            if (!SemanticVersion.TryParse(text[(at + 1)..], out var v, out var versionError)) throw new InvalidRequestException("model", versionError);
            (version, text) = (v, text[..at]);
        }
        if (!ModelName.TryParse(text, out var name, out var error)) throw new InvalidRequestException("model", error);
        var pack = sources.Find(name, version)
            ?? throw new ModelNotFoundException(version is null ? name.ToString() : $"{name}@{version}", sources.Folders.Count == 0
                ? ["(no pack sources are configured: serve --pack-source DIR or pack_sources in airgap.json)"]
                : [$"(no pack of that name in {string.Join(", ", sources.Folders)})"]);

        var statuses = Channel.CreateUnbounded<OllamaPullStatus>();
        var progress = new ImportPhaseProgress(pack.Manifest.Files.Count,
            p => statuses.Writer.TryWrite(new OllamaPullStatus($"pulling {Path.GetFileName(p.File)}", null, p.BytesTotal, p.BytesDone)),
            () => statuses.Writer.TryWrite(new OllamaPullStatus(ImportPhaseProgress.ValidatingPhase)));
        statuses.Writer.TryWrite(new OllamaPullStatus($"pulling manifest of {pack.Name}@{pack.Version} from {pack.Directory}"));
        var import = ImportAsync(importer, log, pack.Directory, progress, statuses.Writer, cancellationToken);

        if (request.Stream ?? true)
            return new NdjsonResult<OllamaPullStatus>(statuses.Reader.ReadAllAsync(cancellationToken), OllamaJsonContext.Plain.OllamaPullStatus);
        await import;
        var last = new OllamaPullStatus("success");
        await foreach (var status in statuses.Reader.ReadAllAsync(cancellationToken)) last = status;
        return last.Error is null
            ? Results.Json(last, OllamaJsonContext.Plain.OllamaPullStatus)
            : Results.Json(new OllamaError(last.Error), OllamaJsonContext.Plain.OllamaError, statusCode: 400);
    }
}
