using Marten;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Hosting;

/// <summary>
/// Before the API takes requests, registers an example offender through Marten and the read models inside a
/// transaction that is then rolled back, so that the first officer's request does not pay for loading Marten's
/// storage, preparing the connections and compiling the write path just in time. Nothing is kept.
/// </summary>
public static class WarmUp
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var summaries = services.GetRequiredService<OffenderSummaryProjection>();
        var (command, _) = RegisterOffender.Validate(RegisterOffender.Request.Example, Clock.Today(time));
        var id = Guid.CreateVersion7();
        var registered = RegisterOffender.Decide(id, "MOS-WARMUP", command!, Audit.AccessLogEntry.System, time.GetUtcNow());
        var state = Offender.Step(null, registered, 1, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<
            Compliance.PolicyOptions>>().Value);

        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var session = services.GetRequiredService<IDocumentStore>()
            .LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            _ = await summaries.ReadForWriteAsync(connection, id, cancellationToken);
            // Not the generic overload: it would make Marten's aggregate generator treat Offender as an aggregate.
#pragma warning disable CA2263
            session.Events.StartStream(typeof(Offender), id, registered);
#pragma warning restore CA2263
            await summaries.WriteAsync(connection, null, state, afresh: false, cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
            _ = await OffenderSummaryProjection.ReadOneAsync(
                services.GetRequiredService<NpgsqlDataSource>(), id, services.GetRequiredService<EventTypeRegistry>(),
                cancellationToken);
        }

        await transaction.RollbackAsync(cancellationToken);
    }
}
