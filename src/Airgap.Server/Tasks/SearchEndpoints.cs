using System.Text.Json;
using Airgap.Analytics.Search;
using Airgap.Inference.Errors;
using Airgap.Server.Endpoints;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Tasks;

/// <summary>
/// Semantic search over stored texts: collections of texts added with POST /v1/search/{collection}/texts, searched by
/// meaning with POST /v1/search/{collection}, listed with GET /v1/search, removed with DELETE.
/// </summary>
public static class SearchEndpoints
{
    /// <summary>Results a search gets when it names no limit.</summary>
    public const int DefaultLimit = 5;

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1/search").WithOpenAiErrors();
        v1.MapGet("", List);
        v1.MapPost("/{collection}/texts", Add);
        v1.MapPost("/{collection}", Search).AllowRespondAsync();
        v1.MapDelete("/{collection}", RemoveCollection);
        v1.MapDelete("/{collection}/texts/{id}", RemoveText);
        return app;
    }

    private static IResult List(SemanticSearch search) =>
        Results.Json(new SearchCollectionsResponse(search.Store.Collections().Select(c => new SearchCollection(c.Name, c.Texts)).ToList()),
            SearchJsonContext.Plain.SearchCollectionsResponse);

    private static async Task<IResult> Add(string collection, HttpContext http, SemanticSearch search, CancellationToken cancellationToken)
    {
        SemanticSearch.CheckCollection(collection);
        var request = await RequestBody.ReadAsync(http.Request, SearchJsonContext.Plain.SearchAddRequest, cancellationToken);
        if (request.Texts is null) throw new InvalidRequestException("texts", "is required: a list of {\"text\", \"id\"?, \"metadata\"?}");
        var texts = request.Texts.Select((t, i) => t is null
            ? throw new InvalidRequestException($"texts[{i}]", "must be an object with text")
            : new TextToStore(t.Id, t.Text ?? "", t.Metadata is { ValueKind: not JsonValueKind.Null } m ? m.GetRawText() : null)).ToList();
        var (ids, added, notes) = await search.AddAsync(collection, texts, cancellationToken);
        return Results.Json(new SearchAddResponse(collection, ids, added, notes.Count == 0, notes), SearchJsonContext.Plain.SearchAddResponse);
    }

    private static async Task<IResult> Search(string collection, HttpContext http, SemanticSearch search, CancellationToken cancellationToken)
    {
        SemanticSearch.CheckCollection(collection);
        var request = await RequestBody.ReadAsync(http.Request, SearchJsonContext.Plain.SearchQueryRequest, cancellationToken);
        var outcome = await search.SearchAsync(collection, request.Query, request.Limit ?? DefaultLimit, cancellationToken);
        var results = outcome.Hits.Select(h => new SearchResult(h.Id, h.Text, h.Score,
            h.Metadata is null ? null : JsonDocument.Parse(h.Metadata).RootElement.Clone())).ToList();
        return Results.Json(new SearchQueryResponse(collection, results, outcome.Source, outcome.Model, outcome.Notes),
            SearchJsonContext.Plain.SearchQueryResponse);
    }

    private static IResult RemoveCollection(string collection, SemanticSearch search)
    {
        var removed = search.Store.RemoveCollection(SemanticSearch.CheckCollection(collection));
        if (removed == 0) throw new SearchCollectionNotFoundException(collection);
        return Results.Json(new SearchRemovedResponse(collection, removed), SearchJsonContext.Plain.SearchRemovedResponse);
    }

    private static IResult RemoveText(string collection, string id, SemanticSearch search)
    {
        if (!search.Store.Remove(SemanticSearch.CheckCollection(collection), id))
            return Results.Json(new { error = new { message = $"collection '{collection}' holds no text with id '{id}'", type = "invalid_request_error", param = "id", code = "text_not_found" } },
                statusCode: StatusCodes.Status404NotFound);
        return Results.Json(new SearchRemovedResponse(collection, 1), SearchJsonContext.Plain.SearchRemovedResponse);
    }
}
