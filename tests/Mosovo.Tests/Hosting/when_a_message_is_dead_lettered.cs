using System.Net;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// A message that failed every retry (say, a PPN notice that never reached the supervisors' list) is set aside by
/// Wolverine; /health/ready says so instead of staying quiet.
/// </summary>
public sealed class when_a_message_is_dead_lettered(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ready_says_degraded_and_names_the_dead_letters_until_they_are_dealt_with()
    {
        var client = api.CreateClient();
        (await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync()).ShouldBe("Healthy");

        await using (var dead = api.Database.DataSource.CreateCommand(
            """
            INSERT INTO mosovo.wolverine_dead_letters (id, body, message_type, exception_type, exception_message)
            VALUES (gen_random_uuid(), '\x00', 'Mosovo.Api.Compliance.PpnRaisedNotice', 'NpgsqlException', 'test')
            """))
        {
            await dead.ExecuteNonQueryAsync();
        }

        var degraded = await client.GetAsync("/health/ready");
        degraded.StatusCode.ShouldBe(HttpStatusCode.OK, "a dead letter does not take the node out of service");
        (await degraded.Content.ReadAsStringAsync()).ShouldBe("Degraded");

        await using (var dealt = api.Database.DataSource.CreateCommand("DELETE FROM mosovo.wolverine_dead_letters"))
            await dealt.ExecuteNonQueryAsync();
        (await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
