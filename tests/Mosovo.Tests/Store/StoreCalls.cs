using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mosovo.Tests.Store;

/// <summary>An answer read in full, so that answers can be compared byte for byte once the requests are done.</summary>
public sealed record Answer(
    HttpStatusCode Status, byte[] Body, string? Location, string? ETag, string? ContentType, string? Replayed)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The version a 409 says the record is at now.</summary>
    public long CurrentVersion => Json["currentVersion"]!.GetValue<long>();
}

/// <summary>POSTs with the headers the store's promises hang on: If-Match, Idempotency-Key, X-Correlation-Id.</summary>
public static class StoreCalls
{
    public static async Task<Answer> PostAsync(
        HttpClient client, string path, JsonObject body, string? ifMatch = null, string? idempotencyKey = null,
        Guid? correlationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (correlationId is not null) request.Headers.Add("X-Correlation-Id", correlationId.Value.ToString());
        using var response = await client.SendAsync(request);
        return new Answer(
            response.StatusCode,
            await response.Content.ReadAsByteArrayAsync(),
            response.Headers.Location?.OriginalString,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) ? string.Join(',', replayed) : null);
    }

    public static Task<Answer> VisitAsync(
        HttpClient client, Guid offenderId, JsonObject body, string ifMatch, string? idempotencyKey = null,
        Guid? correlationId = null) =>
        PostAsync(client, $"/offenders/{offenderId}/visits", body, ifMatch, idempotencyKey, correlationId);

    /// <summary>
    /// Starts one call per index on a task of its own and lets them all go together once every task is running,
    /// so that the requests leave the client side by side rather than one after another.
    /// </summary>
    public static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref waiting) == count)
                allWaiting.SetResult();
            await gate.Task;
            return await call(i);
        })).ToList();

        await allWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        return await Task.WhenAll(calls);
    }
}
