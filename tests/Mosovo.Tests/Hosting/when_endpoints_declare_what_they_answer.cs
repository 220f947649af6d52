using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// Responses are their own records: no endpoint answers with the stored state, or with a record that holds a part
/// of it at any depth. The stored state is the folded <see cref="Offender"/> with every type it holds, the stored
/// events with theirs, and the list line stored beside the state. So the state can change shape (and be folded
/// again) without changing the API, and its bookkeeping cannot reach an answer. Enums are allowed: they are words,
/// written as their names, not stored structure. The check reads the route table's response metadata (what the
/// OpenAPI document says), so an endpoint must declare what it answers.
/// </summary>
public sealed class when_endpoints_declare_what_they_answer(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Answered by the framework (health, the OpenAPI document), not with a record of ours.</summary>
    private static readonly string[] FrameworkRoutes =
        ["/health/live", "/health/ready", "/openapi/{documentName}.json"];

    [Fact]
    public void every_endpoint_declares_the_type_it_answers_with()
    {
        var undeclared = Endpoints().Where(e => e.Answers.Count == 0).Select(e => e.Route);

        undeclared.ShouldBeEmpty("declare the success body with .Produces<T>() or a typed result (Ok<T>, Created<T>)");
    }

    [Fact]
    public void no_response_is_or_holds_a_type_of_the_stored_state()
    {
        var stored = StoredState();
        var found = new List<string>();
        foreach (var (route, answers) in Endpoints())
        {
            foreach (var answer in answers)
            {
                found.AddRange(Holds(answer).Where(held => stored.Contains(held.Key))
                    .Select(held => $"{route}: {held.Value} is {held.Key.Name}, a type of the stored state"));
            }
        }

        found.ShouldBeEmpty();
    }

    [Fact]
    public void the_check_knows_the_stored_state_and_finds_it_at_any_depth()
    {
        var stored = StoredState();
        Type[] parts =
        [
            typeof(Offender), typeof(ComplianceState), typeof(Obligation), typeof(SingleOfficerRun),
            typeof(PartnerShares), typeof(RiskAssessments), typeof(PersonName), typeof(Officer),
            typeof(OffenderViews.OffenderListLine),
        ];
        parts.Except(stored).ShouldBeEmpty();
        stored.ShouldNotContain(t => t.IsEnum);

        Holds(typeof(Deep)).Keys.ShouldContain(typeof(ComplianceState));
        Holds(typeof(Deep)).Keys.ShouldContain(typeof(Obligation));
        // And the route table is read: the summaries are among the answers checked.
        var answers = Endpoints().SelectMany(e => e.Answers).ToList();
        answers.ShouldContain(typeof(OffenderSummaryResponse));
        answers.ShouldContain(typeof(PartnerSummary));
    }

    [Fact]
    public async Task the_openapi_document_describes_the_summary_by_its_response_record()
    {
        var document = (await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var answer = document["paths"]!["/offenders/{offenderId}"]!["get"]!["responses"]!["200"]!["content"]!;
        answer["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldEndWith("/OffenderSummaryResponse");
        var schemas = document["components"]!["schemas"]!.AsObject();
        schemas.ShouldNotContainKey(nameof(Offender));
        schemas.ShouldNotContainKey(nameof(ComplianceState));
        schemas[nameof(ComplianceResponse)]!["properties"]!.AsObject().Select(p => p.Key)
            .ShouldBe(["open", "flags", "ppns", "significantEvents"], ignoreOrder: true);
    }

    /// <summary>A record that hides a part of the state in collections, for the check to find.</summary>
    private sealed record Deep(IReadOnlyList<IReadOnlyDictionary<string, ComplianceState?>> Parts);

    /// <summary>Every route but the framework's, with the types of its success bodies.</summary>
    private List<(string Route, IReadOnlyList<Type> Answers)> Endpoints()
    {
        api.CreateClient().Dispose();
        return api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !FrameworkRoutes.Contains(e.RoutePattern.RawText, StringComparer.Ordinal))
            .Select(e => (Route(e), Answers(e)))
            .ToList();

        static string Route(RouteEndpoint e) =>
            string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            + " " + e.RoutePattern.RawText;

        static IReadOnlyList<Type> Answers(RouteEndpoint e) =>
            e.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
                .Where(p => p.StatusCode is >= 200 and < 300 && p.Type is { } type && type != typeof(void))
                .Select(p => p.Type!).Distinct().ToList();
    }

    /// <summary>The stored state: our types that the folded offender, a stored event or the list line hold.</summary>
    private HashSet<Type> StoredState()
    {
        var events = api.Services.GetRequiredService<EventTypeRegistry>().Types.Keys;
        Type[] roots = [typeof(Offender), typeof(OffenderViews.OffenderListLine), .. events];
        return roots.SelectMany(root => Holds(root).Keys).ToHashSet();
    }

    /// <summary>
    /// Every type of ours (not an enum) that a value of <paramref name="root"/> is or holds, through its public
    /// properties, collections and nullables, at any depth, with the first path found to each.
    /// </summary>
    private static Dictionary<Type, string> Holds(Type root)
    {
        var paths = new Dictionary<Type, string>();
        var queue = new Queue<(Type Type, string Path)>([(root, root.Name)]);
        while (queue.TryDequeue(out var next))
        {
            var (type, path) = next;
            if (type.IsArray)
                queue.Enqueue((type.GetElementType()!, path + "[]"));
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
                queue.Enqueue((argument, path + "[]"));
            var ours = type.Namespace?.StartsWith("Mosovo.", StringComparison.Ordinal) == true;
            if (!ours || type.IsEnum || type.IsGenericType || !paths.TryAdd(type, path))
                continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0)
                    queue.Enqueue((property.PropertyType, $"{path}.{property.Name}"));
            }
        }

        return paths;
    }
}
