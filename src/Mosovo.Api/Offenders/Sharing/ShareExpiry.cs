using Microsoft.Extensions.Options;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Records on each offender's stream that a share has expired, once its until has passed (every
/// <see cref="SharingOptions.ExpirySweepInterval"/>). Access does not wait for it: a partner's read checks the
/// until itself. Safe with many instances: each expiry is decided under the offender's write lock, so of two
/// instances racing one records it and the other finds it done.
/// </summary>
public sealed class ShareExpiry(NpgsqlDataSource database, OffenderStreams streams, TimeProvider time)
{
    public const int Batch = 200;

    /// <summary>Records the expiry of shares whose time ran out; returns how many it recorded.</summary>
    public async Task<int> RecordExpiriesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<(Guid OffenderId, Guid ShareId)>();
        await using (var command = database.CreateCommand(
            """
            SELECT offender_id, share_id FROM mosovo.partner_shares
             WHERE until <= $1 AND revoked_at IS NULL AND expired_at IS NULL ORDER BY until LIMIT $2
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Batch });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                due.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        var recorded = 0;
        foreach (var offenderGroup in due.GroupBy(d => d.OffenderId))
        {
            // Decided on the state under the write lock: of two instances sweeping at once, the second finds it done.
            recorded += await streams.WriteAsSystemAsync(offenderGroup.Key, offender => offenderGroup
                .Select(d => offender.Shares.Find(d.ShareId))
                .Where(s => s is { Ended: null } && s.Until <= now)
                .Select(s => (object)new MappaShareExpired(
                    s!.ShareId, s.Agency, s.Until, Audit.AccessLogEntry.System, now))
                .ToList(), "A share's time ran out.", cancellationToken);
        }

        return recorded;
    }
}

/// <summary>Records expiries every <see cref="SharingOptions.ExpirySweepInterval"/>, on one node at a time.</summary>
public sealed class ShareExpiryWork(ShareExpiry expiry, IOptions<SharingOptions> options) : Hosting.IRecurringWork
{
    public string Name => "share-expiry";

    public TimeSpan Interval => options.Value.ExpirySweepInterval;

    public bool StartedHere => options.Value.RecordExpiries;

    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => expiry.RecordExpiriesAsync(cancellationToken);
}
