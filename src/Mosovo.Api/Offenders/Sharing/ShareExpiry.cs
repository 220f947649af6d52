using Microsoft.Extensions.Options;
using Mosovo.EventStore;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Records on each offender's stream that a share has expired, once its until has passed (every
/// <see cref="SharingOptions.ExpirySweepInterval"/>). Access does not wait for it: a partner's read checks the
/// until itself. Safe with many instances: each expiry is appended at the stream version it was decided on, so
/// of two instances racing one wins and the other finds it done.
/// </summary>
public sealed class ShareExpiry(NpgsqlDataSource database, OffenderStreams streams, TimeProvider time, ILogger<ShareExpiry> logger)
{
    public const int Batch = 200;

    /// <summary>Records the expiry of shares whose time ran out; returns how many it recorded.</summary>
    public async Task<int> RecordExpiriesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<(Guid OffenderId, Guid ShareId)>();
        await using (var command = database.CreateCommand(
            "SELECT offender_id, share_id FROM mosovo.partner_shares WHERE until <= $1 AND revoked_at IS NULL AND expired_at IS NULL ORDER BY until LIMIT $2"))
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
            var offender = await streams.LoadAsync(offenderGroup.Key, cancellationToken);
            if (offender is null)
                continue;
            var expired = offenderGroup
                .Select(d => offender.Shares.Find(d.ShareId))
                .Where(s => s is { Ended: null } && s.Until <= now)
                .Select(s => (object)new MappaShareExpired(s!.ShareId, s.Agency, s.Until, Audit.AccessLogEntry.System, now))
                .ToList();
            if (expired.Count == 0)
                continue;
            try
            {
                await streams.WriteAsSystemAsync(offender.Id, offender.Version, expired, "A share's time ran out.", cancellationToken);
                recorded += expired.Count;
            }
            catch (ConcurrencyException)
            {
                // Another write (or another instance) got there first: the next sweep decides again.
                logger.LogDebug("Share expiry on {OffenderId} raced another write; it is retried on the next sweep", offender.Id);
            }
        }

        return recorded;
    }
}

/// <summary>Runs <see cref="ShareExpiry"/> every <see cref="SharingOptions.ExpirySweepInterval"/>.</summary>
public sealed class ShareExpiryService(ShareExpiry expiry, IOptions<SharingOptions> options, TimeProvider time, ILogger<ShareExpiryService> logger)
    : Hosting.PeriodicService(options.Value.ExpirySweepInterval, time, logger)
{
    protected override string Work => "Recording share expiries";

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => expiry.RecordExpiriesAsync(cancellationToken);
}
