namespace Mosovo.EventStore;

/// <summary>The stream was not at the version the writer expected: someone else wrote first. Nothing was written.</summary>
public sealed class ConcurrencyException(Guid streamId, long expectedVersion, long? actualVersion)
    : Exception($"Stream {streamId} was expected at version {expectedVersion} but is at {actualVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no version (it does not exist)"}.")
{
    public Guid StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The stream's version when the conflict was found, or null when the stream does not exist.</summary>
    public long? ActualVersion { get; } = actualVersion;
}

/// <summary>A type name in the events table, or a CLR type being appended, that nobody registered.</summary>
public sealed class UnknownEventTypeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An inline projection failed; the transaction that fed it (an append or a rebuild) was rolled back.</summary>
public sealed class ProjectionException(string projection, Exception inner)
    : Exception($"Projection '{projection}' failed and nothing was written: {inner.Message}", inner)
{
    public string Projection { get; } = projection;
}
