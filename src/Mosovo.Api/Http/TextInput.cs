using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Mosovo.Api.Audit;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Mosovo.Api.Http;

/// <summary>
/// Marks a string field of a request body (or a list of strings) as free text: several lines, up to
/// <see cref="Validation.MaxFreeTextLength"/> characters. Every other string is a single line of at most
/// <see cref="Validation.MaxLineLength"/>: a field forgotten here is held to the stricter rule, not let through.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class FreeTextAttribute : Attribute;

/// <summary>Endpoint metadata: the endpoint's text is checked (the route-table test fails on one without it).</summary>
public sealed class TextChecked;

/// <summary>
/// One check of every string a request carries, before its handler runs: each string of the body, nested ones and
/// those in lists included, each string query or route value, and the <c>Access-Purpose</c> header. A string that
/// breaks <see cref="Validation.TextProblem"/> gets a 400 naming it as the client sent it (<c>officers[1].name</c>),
/// so no feature can forget it and nothing that PostgreSQL would refuse (U+0000) or that is not text (an unpaired
/// surrogate) reaches a write or a query. The features' own validation sets the tighter limits of each field.
/// </summary>
public static class TextInput
{
    /// <summary>The members of each body type that can hold text, found once per type.</summary>
    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    /// <summary>
    /// Checks the text of every endpoint the builder maps (on a group: all of its endpoints). The check runs before
    /// the endpoint's own filters and logs the refusal itself; on a single endpoint, add it before <c>LogsReads</c>.
    /// </summary>
    public static TBuilder ChecksText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new TextChecked());
        return builder.AddEndpointFilterFactory((context, next) =>
        {
            var services = context.ApplicationServices;
            var json = services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
            var naming = json.PropertyNamingPolicy;
            var isService = services.GetService<IServiceProviderIsService>();
            var inputs = context.MethodInfo.GetParameters()
                .Select(p => p.ParameterType == typeof(string) ? new Input(p.Position, NameOf(p), IsBody: false)
                    : IsBody(p, isService) ? new Input(p.Position, "", IsBody: true)
                    : null)
                .OfType<Input>()
                .ToArray();
            return async invocation =>
            {
                var v = new Validation();
                foreach (var input in inputs)
                {
                    switch (invocation.Arguments[input.Position])
                    {
                        case string text when !input.IsBody:
                            v.CheckText(input.Name, text, freeText: false);
                            break;
                        case { } body when input.IsBody:
                            Walk(body, "", v, naming);
                            break;
                    }
                }

                var http = invocation.HttpContext;
                if (AccessLogEntry.PurposeOf(http) is { } purpose)
                    CheckPurpose(purpose, v);
                if (v.IsValid)
                    return await next(invocation);

                await LogRefusalAsync(http);
                return Problems.Validation(v);
            };
        });
    }

    /// <summary>An argument of the handler to check: a string from the query or the route, or the body.</summary>
    private sealed record Input(int Position, string Name, bool IsBody);

    /// <summary>A property of a body type that may hold text (a string, a list, a nested body), by JSON name.</summary>
    private sealed record Member(PropertyInfo Property, string Name, bool FreeText);

    /// <summary>The purpose goes into the access log; how long it may be is the partner endpoints' rule.</summary>
    private static void CheckPurpose(string purpose, Validation v)
    {
        if (Validation.CharacterProblem(purpose, freeText: false) is { } problem)
            v.Add(AccessLogEntry.PurposeHeader, problem);
    }

    private static string NameOf(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromQueryAttribute>()?.Name
        ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name
        ?? parameter.Name
        ?? "query";

    /// <summary>As minimal APIs decide: a type of the API's own that is not a service is read from the body.</summary>
    private static bool IsBody(ParameterInfo parameter, IServiceProviderIsService? services) =>
        parameter.GetCustomAttribute<FromBodyAttribute>() is not null
        || (IsOwnType(parameter.ParameterType) && services?.IsService(parameter.ParameterType) != true);

    private static bool IsOwnType(Type type) => type.IsClass && type.Assembly == typeof(TextInput).Assembly;

    /// <summary>Every string under <paramref name="value"/>, checked under its JSON path.</summary>
    private static void Walk(object value, string path, Validation v, JsonNamingPolicy? naming)
    {
        foreach (var member in Members.GetOrAdd(value.GetType(), type => MembersOf(type, naming)))
        {
            var field = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            switch (member.Property.GetValue(value))
            {
                case string text:
                    v.CheckText(field, text, member.FreeText);
                    break;
                case IEnumerable items:
                    var i = 0;
                    foreach (var item in items)
                    {
                        var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i++}]");
                        if (item is string text)
                            v.CheckText(at, text, member.FreeText);
                        else if (item is not null && IsOwnType(item.GetType()))
                            Walk(item, at, v, naming);
                    }

                    break;
                case { } nested when IsOwnType(nested.GetType()):
                    Walk(nested, field, v, naming);
                    break;
            }
        }
    }

    /// <summary>
    /// The public properties of a body type that can hold text. A positional record carries
    /// <see cref="FreeTextAttribute"/> on its constructor's parameter, so that is looked at as well as the property.
    /// </summary>
    private static Member[] MembersOf(Type type, JsonNamingPolicy? naming)
    {
        var freeText = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<FreeTextAttribute>() is not null)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && MayHoldText(p.PropertyType))
            .Select(p => new Member(
                p,
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? naming?.ConvertName(p.Name) ?? p.Name,
                freeText.Contains(p.Name) || p.GetCustomAttribute<FreeTextAttribute>() is not null))
            .ToArray();
    }

    private static bool MayHoldText(Type type) =>
        type == typeof(string) || typeof(IEnumerable).IsAssignableFrom(type) || IsOwnType(type);

    /// <summary>Logs the refused request as a refusal, as an unreadable body or a refused read is logged.</summary>
    private static async Task LogRefusalAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AccessLogged>() is not { } logged)
            return;
        var services = http.RequestServices;
        var at = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var offenderId = AccessLogEntry.OffenderIdOf(http);
        const int Status = StatusCodes.Status400BadRequest;
        var entry = AccessLogEntry.For(http, at, AccessKind.Refusal, logged.What, offenderId, Status);
        await services.GetRequiredService<AccessLog>().RecordAsync(entry, http.RequestAborted);
    }
}
