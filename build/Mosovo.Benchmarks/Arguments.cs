using System.Globalization;

namespace Mosovo.Benchmarks;

/// <summary>The options the HTTP benchmarks share: <c>--name value</c> pairs and flags, with the server and API they need.</summary>
public sealed class Arguments(string[] args)
{
    public string? Value(string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public bool Flag(string name) => args.Contains("--" + name);

    /// <summary>A whole number above 0, or <paramref name="fallback"/> when the option is not given.</summary>
    public int Number(string name, int fallback)
    {
        if (Value(name) is not { } text)
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"--{name} takes a whole number above 0, not '{text}'.");
    }

    public string Connection => Value("connection") ?? Environment.GetEnvironmentVariable("MOSOVO_BENCH_POSTGRES")
        ?? throw new UsageException("--connection (or MOSOVO_BENCH_POSTGRES) is required.");

    public string ApiDll => Value("api") ?? throw new UsageException("--api PATH/Mosovo.Api.dll is required (build/bench.sh passes it).");
}
