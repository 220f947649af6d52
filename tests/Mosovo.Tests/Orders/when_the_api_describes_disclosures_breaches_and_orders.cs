using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Orders;

public sealed class when_the_api_describes_disclosures_breaches_and_orders(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/offenders/{offenderId}/disclosures", "RecordDisclosureRequest")]
    [InlineData("/offenders/{offenderId}/risk-disclosures", "RecordRiskDisclosureRequest")]
    [InlineData("/offenders/{offenderId}/breaches", "RecordBreachRequest")]
    [InlineData("/offenders/{offenderId}/breaches/decisions", "DecideOnBreachRequest")]
    [InlineData("/offenders/{offenderId}/orders", "DraftCivilOrderRequest")]
    [InlineData("/offenders/{offenderId}/orders/applications", "ApplyForCivilOrderRequest")]
    [InlineData("/offenders/{offenderId}/orders/grants", "RecordCivilOrderGrantRequest")]
    [InlineData("/offenders/{offenderId}/orders/refusals", "RecordCivilOrderRefusalRequest")]
    [InlineData("/offenders/{offenderId}/orders/variations", "RecordCivilOrderVariationRequest")]
    [InlineData("/offenders/{offenderId}/orders/discharges", "RecordCivilOrderDischargeRequest")]
    public async Task each_command_is_in_the_openapi_document_with_an_example_body(string path, string schema)
    {
        var document = (await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var post = document["paths"]![path]!["post"]!;
        post["responses"]!.AsObject().ShouldContainKey("201");
        post["responses"]!.AsObject().ShouldContainKey("400");
        post["requestBody"]!.ToJsonString().ShouldContain(schema);
        document["components"]!["schemas"]![schema]!["examples"]!.AsArray().ShouldNotBeEmpty();
    }
}
