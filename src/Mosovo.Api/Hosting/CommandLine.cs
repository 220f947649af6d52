using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Hosting;

/// <summary>
/// Commands a person runs with the API's own configuration:
/// <c>migrate</c>, <c>rebuild-projections</c>, <c>seed-demo</c>, and in Development <c>token</c>.
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyList<string> Commands = ["migrate", "rebuild-projections", "seed-demo", "token"];

    /// <summary>
    /// Runs the command named in <paramref name="args"/>, if any. Returns its exit code, or null to start the web host.
    /// </summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !Commands.Contains(args[0], StringComparer.Ordinal))
            return null;

        var builder = WebApplication.CreateBuilder(args[1..]);
        if (args[0] == "token")
            return Token(builder, args[1..]);

        if (args[0] == "seed-demo" && !builder.Environment.IsDevelopment())
        {
            Console.Error.WriteLine(
                "Demo data is added only in Development (ASPNETCORE_ENVIRONMENT=Development): "
                + "it would mix fictional offenders and a share into real records.");
            return 2;
        }

        builder.AddMosovo();
        await using var app = builder.Build();
        await app.Services.PrepareDatabaseAsync();
        switch (args[0])
        {
            case "rebuild-projections":
                var replayed = await app.Services.GetRequiredService<OffenderSummaryProjection>()
                    .RebuildAsync(app.Services.GetRequiredService<SchemaOwner>().DataSource, CancellationToken.None);
                await Console.Out.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"Rebuilt projections from {replayed} events."));
                break;
            case "seed-demo":
                var added = await DemoData.SeedAsync(app.Services, CancellationToken.None);
                await Console.Out.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"Demo data: {added} fictional offenders added."));
                break;
            default:
                await Console.Out.WriteLineAsync("Migrations applied.");
                break;
        }

        return 0;
    }

    private static int Token(WebApplicationBuilder builder, string[] args)
    {
        if (!builder.Environment.IsDevelopment())
        {
            Console.Error.WriteLine("Tokens are minted only in Development (ASPNETCORE_ENVIRONMENT=Development).");
            return 2;
        }

        string? Option(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var role = Option("role") ?? Roles.OffenderManager;
        if (!Roles.All.Contains(role, StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"--role must be one of: {string.Join(", ", Roles.All)}.");
            return 2;
        }

        var options = builder.Configuration.GetSection(DevelopmentTokenOptions.Section).Get<DevelopmentTokenOptions>();
        if (string.IsNullOrWhiteSpace(options?.SigningKey))
        {
            Console.Error.WriteLine(
                "DevelopmentTokens:SigningKey is not configured (see appsettings.Development.json).");
            return 2;
        }

        var request = new TokenRequest(
            role,
            Option("name") ?? $"Demo {role}",
            Option("team") ?? (role == Roles.MappaPartner ? null : "North MOSOVO"),
            Option("agency") ?? (role == Roles.MappaPartner ? "Probation" : "Police"),
            Option("user-id"),
            Option("officer-id"));
        Console.WriteLine(DevelopmentTokens.Mint(options, request, TimeProvider.System.GetUtcNow()));
        return 0;
    }
}
