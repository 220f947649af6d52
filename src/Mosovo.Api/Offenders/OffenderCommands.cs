using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// What a command decided: the events to append, or a refusal naming the field that the record's state forbids.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, Guid? Id, IReadOnlyList<string> Advice, Validation? Refusal)
{
    /// <param name="id">The id of the thing recorded (an assessment, a breach, an order), for the answer.</param>
    public static Decision Record(object @event, Guid? id = null, params string[] advice) =>
        new([@event], id, advice, null);

    public static Decision RecordAll(IReadOnlyList<object> events, Guid? id = null, params string[] advice) =>
        new(events, id, advice, null);

    public static Decision Refuse(string field, string message)
    {
        var validation = new Validation();
        validation.Add(field, message);
        return new Decision([], null, [], validation);
    }
}

/// <summary>The answer to every command on an existing offender.</summary>
/// <param name="Id">The id of what was recorded, when it has one.</param>
/// <param name="Advice">What the officer should know or do next, in words.</param>
public sealed record Recorded(Guid OffenderId, long Version, Guid? Id, IReadOnlyList<string> Advice);

public static class OffenderCommands
{
    /// <summary>
    /// Maps <c>POST /offenders/{offenderId}/{pattern}</c> for a command on an existing offender, the same way
    /// for every feature: validate the body (400 naming each field), require If-Match (428), then
    /// <see cref="OffenderStreams.WriteAsync"/>: load the state (404), compare versions (409), decide (400 when the
    /// record's state forbids it), append, honour Idempotency-Key, answer 201 with the new ETag.
    /// </summary>
    public static RouteHandlerBuilder MapOffenderCommand<TRequest, TCommand>(
        this RouteGroupBuilder offenders,
        string pattern,
        string name,
        string summary,
        Func<TRequest, Now, (TCommand? Command, Validation Validation)> validate,
        Func<Offender, TCommand, Actor, Now, Decision> decide,
        string policy = Policies.RecordHistory)
        where TRequest : class
        where TCommand : class
    {
        return offenders.MapPost($"/{{offenderId}}/{pattern}", async (
                Guid offenderId,
                TRequest request,
                HttpContext http,
                OffenderStreams streams,
                TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var now = Clock.Now(time);
                var (command, validation) = validate(request, now);
                if (command is null)
                    return Problems.Validation(validation);

                var (expected, precondition) = ETags.ReadIfMatch(http.Request);
                if (precondition is not null)
                    return precondition;

                var actor = OffenderStreams.ActorOf(http);
                return await streams.WriteAsync(http, offenderId, expected,
                    offender => decide(offender!, command, actor, now),
                    (version, decision) => new WriteOutcome(
                        StatusCodes.Status201Created,
                        new Recorded(offenderId, version, decision.Id, decision.Advice),
                        $"/offenders/{offenderId}",
                        version),
                    cancellationToken);
            })
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("Send the offender's current version in If-Match. Accepts Idempotency-Key.")
            .RequireAuthorization(policy)
            .LogsWrites(name)
            .WithIdempotencyKey()
            .Produces<Recorded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
