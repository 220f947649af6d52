using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Benchmarks;

/// <summary>
/// Obviously fictional offenders with plausible histories, the same every run (seeded): a registration,
/// then a mix of what officers record over the years. Names combine common and accented forms so that
/// search has realistic selectivity (each family name is shared by about 1 in 400 offenders).
/// </summary>
public sealed class SampleHistory(int seed, DateTimeOffset now)
{
    private static readonly string[] GivenNames =
    [
        "James", "John", "Robert", "Michael", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew", "Anthony",
        "Mark", "Paul", "Steven", "Andrew", "Kevin", "Brian", "George", "Timothy", "Ronald", "Jason", "Edward", "Jeffrey", "Ryan",
        "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel",
        "Gregory", "Frank", "Alexander", "Raymond", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "José", "Adam", "Henry",
        "Łukasz", "Zoë", "Seán", "Ciarán", "Dariusz", "Tomás", "Søren", "Jürgen", "Renée", "Anaïs",
    ];

    private static readonly string[] FamilyStems =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
        "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips",
        "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Garden", "Campbell", "Johnston", "Moore", "Smyth",
        "O'Neill", "Doherty", "Stewart", "Quinn", "Murphy", "Graham", "Mclaughlin", "Hamilton", "Murray", "Hughes", "Robertson",
        "Thomson", "Scott", "Nowak", "Kowalski", "Wiśniewski", "Müller", "Schmidt", "Ó Briain", "Núñez", "García", "Pérez", "Sørensen",
    ];

    private static readonly string[] FamilySuffixes = ["", "-Demo", "son", "ford", "ley", "wood", "ton"];

    /// <summary>Terms a search benchmark types: family names, and given plus family.</summary>
    public static IReadOnlyList<string> SearchTerms { get; } =
        FamilyStems.SelectMany(f => FamilySuffixes.Select(s => f + s))
            .Concat(FamilyStems.Take(20).Select((f, i) => $"{GivenNames[i]} {f}"))
            .ToList();

    private static readonly Actor Loader = new("bench-loader", "Benchmark loader");

    public LoadStream Offender(int index, int events)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var id = Guid.CreateVersion7();
        var family = FamilyStems[random.Next(FamilyStems.Length)] + FamilySuffixes[random.Next(FamilySuffixes.Length)];
        var given = GivenNames[random.Next(GivenNames.Length)];
        var registeredOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(400, 5000));
        var manager = new Officer(string.Create(CultureInfo.InvariantCulture, $"DC{random.Next(1, 300):D4}"), "DC Benchmark Manager");
        var team = string.Create(CultureInfo.InvariantCulture, $"Team {random.Next(1, 25):D2}");
        var history = new List<object>(events)
        {
            new OffenderRegistered(id, string.Create(CultureInfo.InvariantCulture, $"MOS-B{index:D7}"), new PersonName(given, family),
                random.Next(3) == 0 ? [$"{given[0]}. {family}"] : [], registeredOn.AddYears(-random.Next(20, 60)).AddDays(-random.Next(365)),
                new Address(string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 200)} Example Street"), null, "Demotown",
                    string.Create(CultureInfo.InvariantCulture, $"ZZ{random.Next(1, 99)} {random.Next(1, 9)}AA")),
                "Fictional offence for benchmarking", registeredOn.AddDays(-random.Next(1, 60)),
                new Sentence(SentenceKind.Custodial, random.Next(6, 120), null), null, random.Next(1, 4), manager, team, registeredOn,
                Loader, now),
        };

        var visitedAt = Mosovo.Api.Hosting.Clock.StartOf(registeredOn).AddHours(10);
        var levels = Enum.GetValues<RiskLevel>();
        while (history.Count < events)
        {
            visitedAt = visitedAt.AddDays(random.Next(20, 90));
            var day = DateOnly.FromDateTime(visitedAt.UtcDateTime);
            switch (random.Next(10))
            {
                case 0:
                    history.Add(new ArmsAssessmentRecorded(Guid.CreateVersion7(), day, manager, levels[random.Next(levels.Length)], levels[random.Next(levels.Length)],
                        ["Access to children through a new partner", "Denial of offending"], ["Stable employment"],
                        [new RiskManagementAction("Unannounced visit within the month", manager.Name, day.AddDays(28))],
                        new ArmsPrompt(ArmsPromptKind.PeriodicReview, null, null), Loader, now));
                    continue;
                case 1:
                case 2:
                    var significant = random.Next(4) == 0;
                    history.Add(new IntelligenceReceived(Guid.CreateVersion7(), day, new IntelligenceSource(IntelligenceSourceKind.Briefing, null),
                        new IntelligenceGrading(random.Next(1, 4), "B", "P"), null,
                        "Fictional intelligence for benchmarking: seen near a school at pick-up time.", significant,
                        significant ? "Possible contact with children." : null, Loader, now));
                    continue;
            }

            var lone = random.Next(5) == 0;
            history.Add(new HomeVisitRecorded(Guid.CreateVersion7(), visitedAt,
                lone ? [manager] : [manager, new Officer("PC0002", "PC Benchmark Partner")],
                random.Next(3) == 0 ? VisitKind.Announced : VisitKind.Unannounced, random.Next(8) != 0,
                [new PersonSeen($"{given} {family}", "offender", false, null)],
                "Address as notified; nothing of note. Bedroom and kitchen checked; one phone, as notified.",
                random.Next(10) == 0 ? "Child's toys seen in the living room: ask about visitors." : null,
                lone ? "Second officer called away." : null, Loader, now));
        }

        return new LoadStream(id, history);
    }
}
