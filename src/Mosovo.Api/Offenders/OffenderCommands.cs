using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>What a command decided: the events to append, or a refusal naming the field that the record's state forbids.</summary>
public sealed record Decision(IReadOnlyList<object> Events, Guid? Id, IReadOnlyList<string> Advice, Validation? Refusal)
{
    /// <param name="id">The id of the thing recorded (an assessment, a breach, an order), for the answer.</param>
    public static Decision Record(object @event, Guid? id = null, params string[] advice) => new([@event], id, advice, null);

    public static Decision RecordAll(IReadOnlyList<object> events, Guid? id = null, params string[] advice) => new(events, id, advice, null);

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
    /// for every feature: validate the body (400 naming each field), require If-Match (428), load the
    /// stream (404), compare versions (409), decide (400 when the record's state forbids it), append with
    /// the expected version (409 on a race), honour Idempotency-Key, answer 201 with the new ETag.
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
                Guid offenderId, TRequest request, HttpContext http, OffenderStreams streams, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var now = Clock.Now(time);
                var (command, validation) = validate(request, now);
                if (command is null)
                    return Problems.Validation(validation);

                var (expected, precondition) = ETags.ReadIfMatch(http.Request);
                if (precondition is not null)
                    return precondition;

                var offender = await streams.LoadAsync(offenderId, cancellationToken);
                if (offender is null)
                    return Problems.OffenderNotFound(offenderId);
                if (offender.Version != expected)
                    return Problems.Conflict(expected!.Value, offender.Version);

                var decision = decide(offender, command, OffenderStreams.ActorOf(http), now);
                if (decision.Refusal is { } refusal)
                    return Problems.Validation(refusal);

                // Records the system makes at once because of these (the automatic PPN), in the same append.
                var after = decision.Events.Aggregate(offender, (state, e) => Offender.Evolve(state, e));
                IReadOnlyList<object> events = [.. decision.Events, .. Compliance.ComplianceRules.FollowUps(after, decision.Events, OffenderStreams.ActorOf(http), now)];
                return await streams.WriteAsync(http, offenderId, offender.Version, events,
                    result => new WriteOutcome(StatusCodes.Status201Created,
                        new Recorded(offenderId, result.Version, decision.Id, decision.Advice),
                        $"/offenders/{offenderId}", result.Version),
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
