using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Http;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Http;

/// <summary>A new endpoint, or a new group of them, fails here until its text is checked like the others'.</summary>
public sealed class when_the_route_table_is_read(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>The endpoints that take no text from anyone: health and the OpenAPI document.</summary>
    private static readonly string[] WithoutText = ["/health/live", "/health/ready", "/openapi/{documentName}.json"];

    [Fact]
    public void every_endpoint_but_health_and_the_openapi_document_checks_its_text()
    {
        api.CreateClient().Dispose();
        var unchecked_ = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TextChecked>() is null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();

        unchecked_.ShouldBe(WithoutText, ignoreOrder: true);
    }
}
