using System.Globalization;
using Mosovo.Api.Hosting;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>
/// A handful of obviously fictional offenders ("Demo" surnames, postcodes in the ZZ area that Royal Mail
/// never issues, PNC IDs under 1900) so a newcomer has something to look at. Written through the same
/// decisions and store as the API; added once: running it again adds nothing.
/// </summary>
public static class DemoData
{
    private static readonly Actor Loader = new("demo-data", "Demo data loader");

    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var streams = services.GetRequiredService<OffenderStreams>();
        var database = services.GetRequiredService<NpgsqlDataSource>();
        var time = services.GetRequiredService<TimeProvider>();

        await using (var check = database.CreateCommand("SELECT count(*) FROM mosovo.offender_summaries WHERE family_name LIKE 'Demo%'"))
        {
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
                return 0;
        }

        var now = time.GetUtcNow();
        var today = Clock.Today(time);
        var people = new[]
        {
            ("Adam", "Demoson", new DateOnly(1971, 3, 14), "1 Example Street", "ZZ1 1AA", SentenceKind.Custodial, 48, 2, "North MOSOVO"),
            ("Brian", "Demowright", new DateOnly(1985, 7, 2), "22 Sample Road", "ZZ2 2BB", SentenceKind.CommunityOrder, 0, 1, "North MOSOVO"),
            ("Colin", "Demoford", new DateOnly(1990, 11, 30), "3 Placeholder Lane", "ZZ3 3CC", SentenceKind.Custodial, 18, 1, "South MOSOVO"),
            ("Derek", "Demolane", new DateOnly(1963, 1, 9), "Flat 4, Fiction House", "ZZ4 4DD", SentenceKind.Caution, 0, 1, "South MOSOVO"),
        };

        var added = 0;
        foreach (var (given, family, dob, line1, postcode, kind, months, category, team) in people)
        {
            var id = Guid.CreateVersion7();
            var reference = string.Create(CultureInfo.InvariantCulture, $"MOS-DEMO-{added + 1:D2}");
            var command = new RegisterOffender.Command(
                new PersonName(given, family), [$"{given[0]}. {family}"], dob,
                new Address(line1, null, "Demotown", postcode), "Fictional offence for demonstration",
                today.AddMonths(-6), new Sentence(kind, months == 0 ? null : months, "Demonstration only"),
                string.Create(CultureInfo.InvariantCulture, $"1899/000000{added + 1}A"), category,
                new Officer("DC0001", "DC Demo Manager"), team, today.AddMonths(-5));
            var registered = RegisterOffender.Decide(id, reference, command, Loader, now);
            var visit = new HomeVisitRecorded(Guid.CreateVersion7(), now.AddDays(-10 * (added + 1)),
                [new Officer("DC0001", "DC Demo Manager"), new Officer("PC0002", "PC Demo Partner")], VisitKind.Unannounced,
                EntryGained: true, [], "Demonstration visit: nothing of note.", null, null, Loader, now);
            List<object> events = [registered, visit];
            if (added == 0)
            {
                // One offender shared with the Probation Service, so that a partner's token sees something.
                events.Add(new MappaShareGranted(Guid.CreateVersion7(), PartnerAgency.Probation, "Demonstration: MAPPA level 2 risk management plan",
                    2, null, now.AddDays(90), Loader, now));
            }

            await streams.WriteAsSystemAsync(id, _ => events, Loader, "Demo data for a newcomer.", cancellationToken);
            added++;
        }

        return added;
    }
}
