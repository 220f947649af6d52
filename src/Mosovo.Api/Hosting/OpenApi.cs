using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mosovo.Api.Hosting;

/// <summary>The OpenAPI document says how to authenticate: a bearer token from Entra ID (or, in Development, build/token.sh).</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Mosovo API";
        document.Info.Description = "Management of registered sex offenders in the community (MOSOVO). All endpoints but health need a bearer token.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An Entra ID access token with an app role in the roles claim.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Puts each request body's example in the document. A body type shows an example by declaring
/// <c>public static Request Example</c> of its own type (every command's Request does).
/// </summary>
public sealed class ExampleSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var property = type.GetProperty("Example", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static);
        if (property is not null && property.PropertyType == type && property.GetValue(null) is { } example)
        {
            schema.Examples ??= [];
            schema.Examples.Add(System.Text.Json.JsonSerializer.SerializeToNode(example, type, context.JsonTypeInfo.Options)!);
        }

        return Task.CompletedTask;
    }
}
