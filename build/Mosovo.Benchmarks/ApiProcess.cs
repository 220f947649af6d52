using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

            // Before it serves, the API applies migrations and Marten's schema: on a loaded database that can
            // take minutes.
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The API did not become ready: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(250);
        }

        return new ApiProcess(process, baseAddress, token, apiDll, connectionString);
    }

    /// <summary>
    /// Checks that an offender the benchmark loaded is one the API serves and writes: reads its summary (taking its
    /// ETag) and a page of its timeline, records a home visit with that version in If-Match, and reads the summary
    /// again at the next version. Throws when any of it fails.
    /// </summary>
    public async Task CheckLoadedOffenderAsync(Guid offenderId)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var version = await VersionAsync(http, offenderId);
        using (var timeline = await http.GetAsync($"/offenders/{offenderId}/timeline?page=1&pageSize=5"))
            await EnsureAsync(timeline, "GET timeline");

        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{offenderId}/visits")
        {
            Content = JsonContent.Create(new
            {
                visitedAt = now.AddHours(-1),
                officers = new[]
                {
                    new { id = "DC0001", name = "DC Benchmark Check" },
                    new { id = "PC0002", name = "PC Benchmark Check" },
                },
                kind = "Unannounced",
                entryGained = true,
                personsSeen = Array.Empty<object>(),
                observations = "Benchmark check: a loaded offender written through the API.",
            }),
        };
        request.Headers.IfMatch.Add(
            new EntityTagHeaderValue(string.Create(CultureInfo.InvariantCulture, $"\"{version}\"")));
        using (var written = await http.SendAsync(request))
            await EnsureAsync(written, "POST visits");

        var after = await VersionAsync(http, offenderId);
        if (after != version + 1)
        {
            throw new InvalidOperationException(
                $"After the visit the offender is at version {after}, not {version + 1}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Check: loaded offender {offenderId} read (summary and timeline at version {version}) and a home visit "
            + $"recorded through the API with If-Match: \"{version}\" (now version {after})."));
    }

    private static async Task<long> VersionAsync(HttpClient http, Guid offenderId)
    {
        using var summary = await http.GetAsync($"/offenders/{offenderId}");
        await EnsureAsync(summary, "GET summary");
        var tag = summary.Headers.ETag?.Tag ?? throw new InvalidOperationException("The summary came without an ETag.");
        return long.Parse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
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
