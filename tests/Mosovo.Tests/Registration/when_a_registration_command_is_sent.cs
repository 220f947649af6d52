using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Registration;

/// <summary>What every registration command shares: the HTTP flow, the version, idempotency and who may send it.</summary>
public sealed class when_a_registration_command_is_sent(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static (string Path, JsonObject Body, string EventType, string Role) Command(string name) => name switch
    {
        "notification" => ("notifications", RegistrationRequests.HomeAddressChange(), "home-address-change-notified", Roles.OffenderManager),
        "annual" => ("annual-notifications", RegistrationRequests.AnnualNotification(), "annual-notification-made", Roles.OffenderManager),
        "end" => ("registration/end", RegistrationRequests.End(), "registration-ended", Roles.OffenderManager),
        "allocation" => ("allocation", RegistrationRequests.Allocation(), "offender-allocated", Roles.Supervisor),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string> Commands => new() { "notification", "annual", "end", "allocation" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task the_command_is_recorded_the_version_moves_on_and_the_timeline_shows_it(string name)
    {
        var (path, body, eventType, role) = Command(name);
        var client = api.ClientFor(role, "DS Test Officer");
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(client, id, etag, path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        response.Headers.Location!.ToString().ShouldBe($"/offenders/{id}");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<long>().ShouldBe(2);
        var newest = (await RegistrationRequests.TimelineAsync(client, id))[0]!;
        newest["type"]!.GetValue<string>().ShouldBe(eventType);
        newest["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        newest["recordedBy"]!["name"]!.GetValue<string>().ShouldBe("DS Test Officer");
        (await RegistrationRequests.SummaryAsync(client, id))["version"]!.GetValue<long>().ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task an_unknown_offender_is_404(string name)
    {
        var (path, body, _, role) = Command(name);

        var response = await RegistrationRequests.PostAsync(api.ClientFor(role), Guid.NewGuid(), "\"1\"", path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_openapi_document_shows_each_command_with_its_example()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        foreach (var path in new[] { "notifications", "annual-notifications", "registration/end", "allocation" })
            paths.ShouldContainKey($"/offenders/{{offenderId}}/{path}");
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var schema in new[] { "RecordNotificationRequest", "RecordAnnualNotificationRequest", "EndRegistrationRequest", "AllocateOffenderRequest" })
            schemas[schema]!["examples"]!.AsArray().Count.ShouldBe(1, schema);
    }
}
