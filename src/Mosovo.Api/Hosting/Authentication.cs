using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Hosting;

/// <summary>The app roles of the Entra ID app registration, as they arrive in the <c>roles</c> claim.</summary>
public static class Roles
{
    public const string OffenderManager = "OffenderManager";
    public const string Supervisor = "Supervisor";
    public const string MappaPartner = "MappaPartner";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [OffenderManager, Supervisor, MappaPartner, Auditor];
}

/// <summary>Named authorization policies: what a role may do.</summary>
public static class Policies
{
    /// <summary>Read the force's own offender records.</summary>
    public const string ReadRecords = nameof(ReadRecords);

    /// <summary>Register offenders and record what happens to them.</summary>
    public const string RecordHistory = nameof(RecordHistory);

    /// <summary>Supervisor decisions: endorsements, breach decisions, waivers, allocation, shares.</summary>
    public const string Supervise = nameof(Supervise);

    /// <summary>A MAPPA partner's reads of what is shared with their agency.</summary>
    public const string ReadShared = nameof(ReadShared);

    /// <summary>
    /// A MAPPA partner's list of what is shared with their agency: the token's <c>agency</c> claim must name an
    /// agency a share can name. Without one the list could only ever be empty, which would read as "nothing is
    /// shared with you" when the token is at fault: refused (403, logged as a refused attempt) instead.
    /// </summary>
    public const string ListShared = nameof(ListShared);

    /// <summary>Information assurance: the access and change log, subject access reports.</summary>
    public const string Audit = nameof(Audit);
}

/// <summary>Claim names beyond the standard ones. Team and agency are optional claims of the app registration.</summary>
public static class MosovoClaims
{
    public const string ObjectId = "oid";
    public const string Name = "name";
    public const string Roles = "roles";
    public const string Team = "team";
    public const string Agency = "agency";

    /// <summary>The officer's warrant or collar number, as offenders are allocated by it (an optional claim).</summary>
    public const string OfficerId = "officer_id";
}

/// <summary>The signed-in user, read from the token's claims.</summary>
public sealed record CurrentUser(string Id, string Name, IReadOnlyList<string> Roles, string? Team, string? Agency, string? OfficerNumber = null)
{
    /// <summary>The id offenders are allocated by: the warrant number when the token carries one, else the user id.</summary>
    public string OfficerId => OfficerNumber ?? Id;

    /// <summary>
    /// The user of a principal that authentication let through. Authentication refuses a token without a user id
    /// (see <see cref="MissingClaims"/>), so the exception here means that check was bypassed.
    /// </summary>
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var id = IdOf(principal) ?? throw new InvalidOperationException("The token has no oid or sub claim.");
        return new CurrentUser(
            id,
            Claim(principal, MosovoClaims.Name) ?? id,
            principal.FindAll(MosovoClaims.Roles).Select(c => c.Value).ToList(),
            Claim(principal, MosovoClaims.Team),
            Claim(principal, MosovoClaims.Agency),
            Claim(principal, MosovoClaims.OfficerId));
    }

    /// <summary>
    /// What a validated token lacks for the API to name its user, or null when it lacks nothing. The user id is
    /// Entra ID's <c>oid</c> (or <c>sub</c>); everything else has a fallback (the name is the id) or is optional.
    /// </summary>
    public static string? MissingClaims(ClaimsPrincipal principal) =>
        IdOf(principal) is null ? $"{MosovoClaims.ObjectId} (or sub)" : null;

    private static string? IdOf(ClaimsPrincipal principal) =>
        Claim(principal, MosovoClaims.ObjectId) ?? Claim(principal, "sub");

    /// <summary>A claim's value; a blank one counts as absent, so that no empty id, name or agency is logged.</summary>
    private static string? Claim(ClaimsPrincipal principal, string type) =>
        principal.FindFirstValue(type) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}

/// <summary>
/// The <c>AzureAd</c> section. Microsoft.Identity.Web reads it itself; this class only lets the service refuse to
/// start without the settings Identity.Web cannot do without (it would otherwise fail at the first request).
/// </summary>
public sealed class AzureAdOptions
{
    public const string Section = "AzureAd";

    public string? Instance { get; set; }
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }

    /// <summary>The required settings that are not set, by their configuration names.</summary>
    public IEnumerable<string> Missing()
    {
        if (string.IsNullOrWhiteSpace(Instance)) yield return $"{Section}:{nameof(Instance)}";
        if (string.IsNullOrWhiteSpace(TenantId)) yield return $"{Section}:{nameof(TenantId)}";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return $"{Section}:{nameof(ClientId)}";
    }
}

/// <summary>
/// Tokens signed with a development key, so that a newcomer and the tests can call the API without an
/// Entra ID tenant. Accepted only when the host environment is Development: anywhere else the service
/// refuses to start if a development key is configured.
/// </summary>
public sealed class DevelopmentTokenOptions
{
    public const string Section = "DevelopmentTokens";

    public string Issuer { get; set; } = "https://mosovo.invalid/development";
    public string Audience { get; set; } = "api://mosovo-development";

    /// <summary>Base64 of at least 32 random bytes.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    public SymmetricSecurityKey Key() =>
        new(Convert.FromBase64String(SigningKey ?? throw new InvalidOperationException("DevelopmentTokens:SigningKey is not set.")));
}

public sealed record TokenRequest(string Role, string Name, string? Team, string? Agency, string? UserId = null, string? OfficerId = null);

public static class DevelopmentTokens
{
    /// <summary>Mints a signed token shaped like an Entra ID access token.</summary>
    public static string Mint(DevelopmentTokenOptions options, TokenRequest request, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(MosovoClaims.ObjectId, request.UserId ?? DeterministicUserId(request.Name)),
            new(MosovoClaims.Name, request.Name),
            new(MosovoClaims.Roles, request.Role),
        };
        if (!string.IsNullOrWhiteSpace(request.Team)) claims.Add(new Claim(MosovoClaims.Team, request.Team));
        if (!string.IsNullOrWhiteSpace(request.Agency)) claims.Add(new Claim(MosovoClaims.Agency, request.Agency));
        if (!string.IsNullOrWhiteSpace(request.OfficerId)) claims.Add(new Claim(MosovoClaims.OfficerId, request.OfficerId));

        var token = new JwtSecurityToken(
            issuer: options.Issuer,
            audience: options.Audience,
            claims: claims,
            notBefore: now.UtcDateTime.AddMinutes(-1),
            expires: now.UtcDateTime.Add(options.Lifetime),
            signingCredentials: new SigningCredentials(options.Key(), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private static string DeterministicUserId(string name) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();
}

public static class AuthenticationSetup
{
    public static IServiceCollection AddMosovoAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var development = configuration.GetSection(DevelopmentTokenOptions.Section).Get<DevelopmentTokenOptions>();
        var useDevelopmentTokens = !string.IsNullOrWhiteSpace(development?.SigningKey);

        if (useDevelopmentTokens && !environment.IsDevelopment())
            throw new InvalidOperationException(
                $"DevelopmentTokens:SigningKey is configured in the '{environment.EnvironmentName}' environment. "
                + "Development tokens are accepted only in Development; remove the key.");
        var missing = (configuration.GetSection(AzureAdOptions.Section).Get<AzureAdOptions>() ?? new AzureAdOptions())
            .Missing().ToList();
        if (!useDevelopmentTokens && missing.Count > 0)
            throw new InvalidOperationException(
                "AzureAd:Instance, AzureAd:TenantId and AzureAd:ClientId must be configured "
                + $"(not set: {string.Join(", ", missing)}).");

        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (useDevelopmentTokens)
        {
            authentication.AddJwtBearer(options =>
            {
                options.TokenValidationParameters.ValidIssuer = development!.Issuer;
                options.TokenValidationParameters.ValidAudience = development.Audience;
                options.TokenValidationParameters.IssuerSigningKey = development.Key();
            });
        }
        else
        {
            // Entra ID, as Microsoft.Identity.Web sets it up from the AzureAd section: the authority
            // {Instance}{TenantId}/v2.0 and its signing keys from the tenant's metadata, the tenant's issuers, the
            // audience (AzureAd:Audience if set, else ClientId for v2.0 tokens and api://ClientId for v1.0 ones),
            // and no token without a roles or scp claim.
            authentication.AddMicrosoftIdentityWebApi(configuration, AzureAdOptions.Section);
        }

        // Registered after either scheme's own set-up, so that it runs last on the same options.
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, KeepClaimsAndRequireAUser);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ReadRecords, p => p.RequireRole(Roles.OffenderManager, Roles.Supervisor))
            .AddPolicy(Policies.RecordHistory, p => p.RequireRole(Roles.OffenderManager, Roles.Supervisor))
            .AddPolicy(Policies.Supervise, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(Policies.ReadShared, p => p.RequireRole(Roles.MappaPartner))
            .AddPolicy(Policies.ListShared, p => p.RequireRole(Roles.MappaPartner)
                .RequireAssertion(c => SharingArea.AgencyOf(c.User.FindFirstValue(MosovoClaims.Agency)) is not null))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor));
        return services;
    }

    /// <summary>
    /// For Entra ID and development tokens alike. Claims keep the names they arrive with (no mapping of <c>oid</c>,
    /// <c>roles</c> or <c>name</c> to long URIs), since <see cref="CurrentUser"/> reads them by those names. A
    /// token that is valid but does not name its user is refused as unauthenticated (401), so no endpoint, log
    /// entry or idempotency record ever meets a user without an id.
    /// </summary>
    private static void KeepClaimsAndRequireAUser(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;
        parameters.NameClaimType = MosovoClaims.Name;
        parameters.RoleClaimType = MosovoClaims.Roles;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.ClockSkew = TimeSpan.FromMinutes(2);

        var validated = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await validated(context);
            if (context.Result is null && context.Principal is { } principal
                && CurrentUser.MissingClaims(principal) is { } missing)
                context.Fail($"The token has no {missing} claim: the API cannot name its user.");
        };
    }
}
