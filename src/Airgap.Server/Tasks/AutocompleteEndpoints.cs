using System.Text.Json;
using Airgap.Analytics;
using Airgap.Analytics.Autocomplete;
using Airgap.Inference.Errors;
using Airgap.Server.Endpoints;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/autocomplete/record stores an accepted value; POST /v1/autocomplete suggests values, each with its source.</summary>
public static class AutocompleteEndpoints
{
    /// <summary>Suggestions a request gets when it names no limit (fewer when Analytics:MaxSuggestions is lower).</summary>
    public const int DefaultLimit = 5;

    public static IEndpointRouteBuilder MapAutocomplete(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithOpenAiErrors();
        v1.MapPost("/autocomplete", Suggest).AllowRespondAsync();
        v1.MapPost("/autocomplete/record", Record);
        return app;
    }

    private static async Task<IResult> Record(HttpContext http, Autocompleter autocompleter, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, AutocompleteJsonContext.Plain.AutocompleteRecordRequest, cancellationToken);
        var context = AutocompleteContext.From(request.Context, options);
        var value = request.Value switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            // A setpoint typed as a number is stored as it was written: 7.0 stays 7.0.
            { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
            _ => throw new InvalidRequestException("value", "must be a string, a number or true/false"),
        };
        var accepted = autocompleter.Record(context, request.Parameter, value);
        return Results.Json(new AutocompleteRecordResponse(request.Parameter!, accepted.Value, accepted.Count, accepted.LastUsed),
            AutocompleteJsonContext.Plain.AutocompleteRecordResponse);
    }

    private static async Task<IResult> Suggest(HttpContext http, Autocompleter autocompleter, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, AutocompleteJsonContext.Plain.AutocompleteRequest, cancellationToken);
        var context = AutocompleteContext.From(request.Context, options);
        var limit = request.Limit ?? Math.Min(DefaultLimit, options.MaxSuggestions);
        var outcome = await autocompleter.SuggestAsync(context, request.Parameter, limit, request.Model, cancellationToken);
        var suggestions = outcome.Suggestions.Select(s => new AutocompleteSuggestion(s.Value, s.Score, Source(s.Source), s.Count, s.LastUsed)).ToList();
        return Results.Json(new AutocompleteResponse(request.Parameter!, suggestions, outcome.Notes), AutocompleteJsonContext.Plain.AutocompleteResponse);
    }

    private static string Source(SuggestionSource source) => source switch
    {
        SuggestionSource.History => "history",
        SuggestionSource.Similar => "similar",
        _ => "llm",
    };
}
