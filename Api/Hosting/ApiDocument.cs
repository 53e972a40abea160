using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// The OpenAPI document (/openapi/v1.json): the endpoints describe their own answers; this adds what all share, the
/// API key as a bearer scheme and, on every endpoint that needs a key, its 401 and 403 problems.
/// </summary>
public static class ApiDocument
{
    public const string SecurityScheme = "ApiKey";

    private static readonly (string Status, string Description)[] KeyProblems =
        [("401", "No API key, or one that is unknown or revoked."), ("403", "The key's role may not do this.")];

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key's token (from `keys create`, or the dev keys run.sh writes), sent as `Authorization: Bearer <token>`.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(async (operation, context, cancellation) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) return;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] });
            var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellation);
            operation.Responses ??= [];
            foreach (var (status, description) in KeyProblems)
                operation.Responses.TryAdd(status, new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                });
        });
    });
}
