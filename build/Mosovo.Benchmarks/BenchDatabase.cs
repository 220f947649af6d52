namespace Mosovo.Benchmarks;

/// <summary>
/// The database a load-and-measure benchmark works on: a new one (dropped afterwards unless --keep), or with
/// --database NAME one loaded and kept earlier, measured again and kept.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly BenchServer _server;
    private readonly bool _keep;

    private BenchDatabase(BenchServer server, string name, bool reused, bool keep)
    {
        _server = server;
        Name = name;
        Reused = reused;
        _keep = keep || reused;
    }

    public string Name { get; }

    /// <summary>Loaded earlier: load nothing.</summary>
    public bool Reused { get; }

    public string ConnectionString => _server.ConnectionStringFor(Name);

    public static async Task<BenchDatabase> OpenAsync(string serverConnection, string? reuse, bool keep)
    {
        var server = new BenchServer(serverConnection);
        return reuse is not null
            ? new BenchDatabase(server, reuse, reused: true, keep)
            : new BenchDatabase(server, await server.CreateDatabaseAsync(CancellationToken.None), reused: false, keep);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
            Console.WriteLine($"Database kept: {Name} (measure it again with --database {Name})");
        else
            await _server.DropDatabaseAsync(Name);
    }
}
