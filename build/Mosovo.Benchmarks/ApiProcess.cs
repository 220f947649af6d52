using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mosovo.Benchmarks;

/// <summary>The real API, started as its own process on a free loopback port, in Development (for a token).</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _apiDll;
    private readonly string _connectionString;

    private ApiProcess(Process process, Uri baseAddress, string token, string apiDll, string connectionString)
    {
        _process = process;
        BaseAddress = baseAddress;
        Token = token;
        _apiDll = apiDll;
        _connectionString = connectionString;
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    /// <summary>A development token for another user (e.g. a partner of an agency), minted by the API's token command.</summary>
    public async Task<string> TokenForAsync(params string[] options) =>
        (await RunToEndAsync(Start(_apiDll, _connectionString, BaseAddress, null, ["token", .. options]))).Trim();

    /// <param name="settings">Configuration for the API process, as environment variables (e.g. AccessLog__Enabled=false).</param>
    public static async Task<ApiProcess> StartAsync(string apiDll, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var token = (await RunToEndAsync(Start(apiDll, connectionString, baseAddress, null, "token", "--role", "Supervisor", "--name", "Benchmark Supervisor"))).Trim();

        var process = Start(apiDll, connectionString, baseAddress, settings);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                    break;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The API did not become ready: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(250);
        }

        return new ApiProcess(process, baseAddress, token, apiDll, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Start(string apiDll, string connectionString, Uri baseAddress, IReadOnlyDictionary<string, string>? settings, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(apiDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.GetFullPath(apiDll));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        info.Environment["ConnectionStrings__Mosovo"] = Mosovo.Api.Hosting.Database.AsApiLogin(connectionString);
        info.Environment["ConnectionStrings__MosovoOwner"] = connectionString;
        info.Environment["Outbox__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>(StringComparer.Ordinal))
            info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the API.");
        if (arguments.Length == 0)
        {
            // Keep the pipes drained so the API never blocks on a full buffer.
            _ = process.StandardOutput.ReadToEndAsync();
        }

        return process;
    }

    private static async Task<string> RunToEndAsync(Process process)
    {
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The API command failed ({process.ExitCode}): {error}");
        process.Dispose();
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
