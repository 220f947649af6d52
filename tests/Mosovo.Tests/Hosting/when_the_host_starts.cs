using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Hosting;

public sealed class when_the_host_starts(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task live_and_ready_answer_without_a_token()
    {
        var client = api.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_describes_the_endpoints_and_the_bearer_scheme()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        paths.ShouldContainKey("/offenders");
        paths.ShouldContainKey("/offenders/{offenderId}/visits");
        paths.ShouldContainKey("/offenders/{offenderId}/timeline");
        paths["/offenders"]!["post"]!["responses"]!.AsObject().ShouldContainKey("400");
        document["components"]!["securitySchemes"]!.AsObject().ShouldContainKey("Bearer");
        var schemas = document["components"]!["schemas"]!.AsObject();
        schemas.ShouldContainKey("RegisterOffenderRequest");
        schemas.ShouldContainKey("RecordHomeVisitRequest");
        schemas["RegisterOffenderRequest"]!["examples"]![0]!["name"]!["familyName"]!.GetValue<string>().ShouldBe("Example");
    }

    [Fact]
    public async Task the_browsable_docs_are_served_in_development()
    {
        (await api.CreateClient().GetAsync("/docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_migrations_are_recorded_once_each()
    {
        var embedded = Migration.FromAssembly(typeof(MosovoHost).Assembly).Count();
        embedded.ShouldBeGreaterThanOrEqualTo(3);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.schema_migrations")).ShouldBe(embedded);
        (await api.Database.ScalarAsync("SELECT count(DISTINCT id) FROM mosovo.schema_migrations")).ShouldBe(embedded);
    }
}

public sealed class when_a_development_key_is_configured_outside_development
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void the_service_refuses_to_start(string environment)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting($"ConnectionStrings:{MosovoHost.ConnectionStringName}", "Host=127.0.0.1;Database=unused");
            b.UseSetting("DevelopmentTokens:SigningKey", Convert.ToBase64String(new byte[32]));
            b.UseSetting("Database:MigrateOnStartup", "false");
        });

        var error = Should.Throw<InvalidOperationException>(() => factory.CreateClient());
        error.Message.ShouldContain("Development tokens are accepted only in Development");
    }

    [Theory]
    [InlineData("OverdueSweep:Interval", "00:00:00")]
    [InlineData("Sharing:MaxShareLength", "-1.00:00:00")]
    [InlineData("Policies:BreachDecision", "00:00:00")]
    public void a_nonsensical_setting_stops_the_start_naming_it(string setting, string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting($"ConnectionStrings:{MosovoHost.ConnectionStringName}", "Host=127.0.0.1;Database=unused");
            b.UseSetting("Database:MigrateOnStartup", "false");
            b.UseSetting(setting, value);
        });

        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient()).Message.ShouldContain(setting);
    }

    [Fact]
    public void without_entra_settings_production_refuses_to_start()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting($"ConnectionStrings:{MosovoHost.ConnectionStringName}", "Host=127.0.0.1;Database=unused");
            b.UseSetting("Database:MigrateOnStartup", "false");
        });

        Should.Throw<InvalidOperationException>(() => factory.CreateClient()).Message.ShouldContain("AzureAd:TenantId");
    }
}
