using System.Text.Json.Nodes;
using Airgap.Server.Endpoints;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Airgap.Server.Documentation;

/// <summary>The OpenAPI document at /openapi/v1.json and the API reference page at /openapi, both served from this assembly (no CDN).</summary>
public static class ApiDocumentation
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the API reference page (Swagger UI, from the Swashbuckle package's own files) is served.</summary>
    public const string ReferencePath = "/openapi";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Airgap",
                    Version = ServerVersion.Current,
                    Description = "Ollama-compatible (/api), OpenAI-compatible (/v1) and task APIs of an offline AI server. "
                        + "With API keys configured, send Authorization: Bearer KEY.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                    { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key (serve --api-key); only when the server has keys" };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                // One group per API, in this order, instead of one per declaring class.
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t }));
                foreach (var (path, item) in document.Paths)
                    foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                        operation.Tags = new HashSet<OpenApiTagReference> { new(Tag(path), document) };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var key = $"{context.Description.HttpMethod} /{context.Description.RelativePath?.TrimEnd('/')}";
                if (!ApiExamples.ByRoute.TryGetValue(key, out var example)) return;
                var schema = example.Body is null ? new OpenApiSchema { Type = JsonSchemaType.Object }
                    : await context.GetOrCreateSchemaAsync(example.Body, null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = schema, Example = JsonNode.Parse(example.Request) },
                    },
                };
                if (example.Response is null) return;
                operation.Responses ??= new OpenApiResponses();
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "OK",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = JsonNode.Parse(example.Response) } },
                };
            });
        });

    /// <summary>Serves the reference page and its scripts; before the API keys, as it shows no data.</summary>
    public static IApplicationBuilder UseApiReference(this IApplicationBuilder app) =>
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePath.TrimStart('/');
            options.DocumentTitle = "Airgap API reference";
            options.SwaggerEndpoint(DocumentPath, "Airgap " + ServerVersion.Current);
        });

    /// <summary>Maps the OpenAPI document; it answers without a key, as docs/api.md does.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowWithoutKey();
        return app;
    }

    private static readonly string[] Tags = ["Airgap", "Health", "Ollama API", "OpenAI API", "Tasks", "Jobs", "KServe v2"];

    private static string Tag(string path) => path switch
    {
        _ when path.StartsWith("/api/airgap", StringComparison.Ordinal) => "Airgap",
        _ when path.StartsWith("/api/", StringComparison.Ordinal) => "Ollama API",
        _ when path.StartsWith("/v1/jobs", StringComparison.Ordinal) => "Jobs",
        _ when path is "/v1/chat/completions" or "/v1/completions" or "/v1/embeddings" or "/v1/responses" || path.StartsWith("/v1/models", StringComparison.Ordinal) => "OpenAI API",
        _ when path.StartsWith("/v1/", StringComparison.Ordinal) => "Tasks",
        _ when path.StartsWith("/v2", StringComparison.Ordinal) => "KServe v2",
        _ when path.StartsWith("/health", StringComparison.Ordinal) => "Health",
        _ => "Airgap",
    };
}
