using Testcontainers.PostgreSql;

namespace Mosovo.Tests.Infrastructure;

/// <summary>
/// PostgreSQL 15 in a container (Testcontainers), for MOSOVO_TEST_POSTGRES=container: started at the first
/// database a test asks for and shared by the whole test run, as build/test.sh's cluster is. It is set up like that
/// cluster, so the tests cannot tell them apart: the superuser <c>mosovo</c>, UTF-8 with the C.UTF-8 locale,
/// 200 connections, durability off, and trust for every connection, because the API logs in as its own role
/// <c>mosovo_api</c> without a password (ADR 0008). Testcontainers' resource reaper removes the container when the
/// test process ends. It needs a Docker engine that can pull the image.
/// </summary>
public static class PostgresContainer
{
    public const string Image = "postgres:15";

    private static readonly Lazy<Task<string>> Started = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The container's connection string as <c>mosovo</c>, starting the container the first time.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        // Held for the whole test run: the reaper, not this code, removes the container.
        var container = new PostgreSqlBuilder(Image)
            .WithUsername("mosovo")
            .WithPassword("mosovo")
            .WithDatabase("postgres")
            .WithEnvironment("POSTGRES_INITDB_ARGS", "--encoding=UTF8 --locale=C.UTF-8")
            .WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "trust")
            .WithCommand("-c", "max_connections=200")
            .Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }
}
