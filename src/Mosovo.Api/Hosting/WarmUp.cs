using Marten;
using Microsoft.Extensions.Options;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Hosting;

/// <summary>
/// Before the API takes requests, registers an example offender through Marten and the read models inside a
/// transaction that is then rolled back, so that the first officer's request does not pay for loading Marten's
/// storage, preparing the connections and compiling the write path just in time. Nothing is kept. A warm-up that
/// fails only costs the first request its speed: it is logged and the start goes on (a database that does not
/// answer is reported by the start itself and by /health/ready).
/// </summary>
public static class WarmUp
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await RegisterAndRollBackAsync(services, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(WarmUp))
                .LogWarning(e, "The warm-up before serving failed; the first requests will be slower");
        }
    }

    private static async Task RegisterAndRollBackAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var summaries = services.GetRequiredService<OffenderSummaryProjection>();
        var (command, _) = RegisterOffender.Validate(RegisterOffender.Request.Example, Clock.Today(time));
        var id = Guid.CreateVersion7();
        var registered = RegisterOffender.Decide(
            id, "MOS-WARMUP", command!, Audit.AccessLogEntry.System, time.GetUtcNow());
        var policies = services.GetRequiredService<IOptions<Compliance.PolicyOptions>>().Value;
        var state = Offender.Step(null, registered, 1, policies);

        var database = services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
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
                database, id, services.GetRequiredService<EventTypeRegistry>(), cancellationToken);
        }

        await transaction.RollbackAsync(cancellationToken);
    }
}
