using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// Every endpoint in the API's route table, called by every role and by nobody, answers as this table intends.
/// A new endpoint not in the table fails here until someone decides who may call it, and so does one whose
/// requests are not logged.
/// </summary>
public sealed class when_every_route_is_called_by_every_role(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Who may call an endpoint.</summary>
    public enum Who
    {
        /// <summary>Anyone, without a token: health and the OpenAPI document.</summary>
        Anyone,

        /// <summary>Offender managers and supervisors.</summary>
        Force,

        Supervisors,
        Partners,
        Auditors,
    }

    private static readonly IReadOnlyDictionary<string, Who> Intended = new Dictionary<string, Who>(StringComparer.Ordinal)
    {
        ["ANY /health/live"] = Who.Anyone,
        ["ANY /health/ready"] = Who.Anyone,
        ["GET /openapi/{documentName}.json"] = Who.Anyone,

        ["POST /offenders/"] = Who.Force,
        ["GET /offenders/"] = Who.Force,
        ["GET /offenders/{offenderId}"] = Who.Force,
        ["GET /offenders/{offenderId}/timeline"] = Who.Force,
        ["GET /offenders/{offenderId}/obligations"] = Who.Force,
        ["GET /caseload"] = Who.Force,
        ["GET /compliance/queue"] = Who.Force,
        ["GET /compliance/figures"] = Who.Supervisors,
        ["GET /compliance/notices"] = Who.Supervisors,

        ["POST /offenders/{offenderId}/visits"] = Who.Force,
        ["POST /offenders/{offenderId}/visits/reviews"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/notifications"] = Who.Force,
        ["POST /offenders/{offenderId}/annual-notifications"] = Who.Force,
        ["POST /offenders/{offenderId}/registration/end"] = Who.Force,
        ["POST /offenders/{offenderId}/allocation"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/custody/releases"] = Who.Force,
        ["POST /offenders/{offenderId}/arms-assessments"] = Who.Force,
        ["POST /offenders/{offenderId}/arms-endorsements"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/mappa/category"] = Who.Force,
        ["POST /offenders/{offenderId}/mappa/level"] = Who.Force,
        ["POST /offenders/{offenderId}/mappa/meetings"] = Who.Force,
        ["POST /offenders/{offenderId}/mappa/shares"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/mappa/shares/revocations"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/intelligence"] = Who.Force,
        ["POST /offenders/{offenderId}/disclosures"] = Who.Force,
        ["POST /offenders/{offenderId}/risk-disclosures"] = Who.Force,
        ["POST /offenders/{offenderId}/breaches"] = Who.Force,
        ["POST /offenders/{offenderId}/breaches/decisions"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/orders"] = Who.Force,
        ["POST /offenders/{offenderId}/orders/applications"] = Who.Force,
        ["POST /offenders/{offenderId}/orders/grants"] = Who.Force,
        ["POST /offenders/{offenderId}/orders/refusals"] = Who.Force,
        ["POST /offenders/{offenderId}/orders/variations"] = Who.Force,
        ["POST /offenders/{offenderId}/orders/discharges"] = Who.Force,
        ["POST /offenders/{offenderId}/corrections"] = Who.Force,
        ["POST /offenders/{offenderId}/ppns/submissions"] = Who.Force,
        ["POST /offenders/{offenderId}/ppns/reviews"] = Who.Supervisors,
        ["POST /offenders/{offenderId}/ppns/shares"] = Who.Force,
        ["POST /offenders/{offenderId}/obligations/waivers"] = Who.Supervisors,

        ["GET /partner/offenders"] = Who.Partners,
        ["GET /partner/offenders/{offenderId}"] = Who.Partners,

        ["GET /audit/log"] = Who.Auditors,
        ["GET /audit/log/export"] = Who.Auditors,
        ["GET /audit/offenders/{offenderId}/disclosures"] = Who.Auditors,
    };

    private static readonly string[] AllRoles = [Roles.OffenderManager, Roles.Supervisor, Roles.MappaPartner, Roles.Auditor];

    private static bool MayCall(Who who, string role) => who switch
    {
        Who.Anyone => true,
        Who.Force => role is Roles.OffenderManager or Roles.Supervisor,
        Who.Supervisors => role is Roles.Supervisor,
        Who.Partners => role is Roles.MappaPartner,
        Who.Auditors => role is Roles.Auditor,
        _ => false,
    };

    private List<(string Key, RouteEndpoint Endpoint)> RouteTable()
    {
        api.CreateClient().Dispose();
        return api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => ($"{m} /{e.RoutePattern.RawText!.TrimStart('/')}", e)))
            .ToList();
    }

    [Fact]
    public void the_table_names_every_endpoint_and_only_those()
    {
        var keys = RouteTable().Select(r => r.Key).ToList();

        keys.Except(Intended.Keys).ShouldBeEmpty("endpoints with no intended access in this table: add them, deciding who may call each");
        Intended.Keys.Except(keys).ShouldBeEmpty("entries in this table for endpoints that no longer exist");
        keys.ShouldBeUnique();
    }

    [Fact]
    public void every_endpoint_but_health_and_the_openapi_document_logs_its_requests()
    {
        var unlogged = RouteTable()
            .Where(r => Intended.GetValueOrDefault(r.Key) != Who.Anyone && r.Endpoint.Metadata.GetMetadata<AccessLogged>() is null)
            .Select(r => r.Key);

        unlogged.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_endpoint_answers_every_role_and_nobody_as_intended()
    {
        var (id, registered) = await OffenderRequests.RegisterAsync(api.ClientFor(Roles.OffenderManager));
        // Shared with the partners' agency, so that their reads are answered with the summary itself.
        var (_, etag) = await Sharing.SharingRequests.GrantAsync(api, id, registered, api.Time.GetUtcNow().AddDays(30), agency: "Probation");
        var events = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events");
        var wrong = new List<string>();

        foreach (var (key, _) in RouteTable())
        {
            var who = Intended.GetValueOrDefault(key, (Who)(-1));
            var (method, pattern) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            method = method == "ANY" ? "GET" : method;
            var path = pattern.Replace("{offenderId}", id.ToString(), StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal);

            var anonymous = await SendAsync(api.CreateClient(), method, path, etag);
            var expectedAnonymous = who == Who.Anyone ? "answered" : "401";
            if (Describe(anonymous) != expectedAnonymous)
                wrong.Add($"{key} without a token: {(int)anonymous} (intended {expectedAnonymous})");

            foreach (var role in AllRoles)
            {
                var status = await SendAsync(api.ClientFor(role, agency: role == Roles.MappaPartner ? "Probation" : "Police"), method, path, etag);
                var expected = MayCall(who, role) ? "answered" : "403";
                if (Describe(status) != expected)
                    wrong.Add($"{key} as {role}: {(int)status} (intended {expected})");
            }
        }

        wrong.ShouldBeEmpty();
        (await SharingReadAsync(id)).ShouldBe(HttpStatusCode.OK);
        // Empty bodies are refused by validation: walking the table wrote nothing.
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")).ShouldBe(events);
    }

    /// <summary>"answered" is any answer but 401, 403 or a server error: a 200, or a 400 or 404 for the empty body or the id.</summary>
    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "401",
        HttpStatusCode.Forbidden => "403",
        >= HttpStatusCode.InternalServerError => "server error",
        _ => "answered",
    };

    private async Task<HttpStatusCode> SharingReadAsync(Guid id) =>
        await SendAsync(api.ClientFor(Roles.MappaPartner, agency: "Probation"), "GET", $"/partner/offenders/{id}", "");

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, string etag)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Access-Purpose", "Route table test");
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
