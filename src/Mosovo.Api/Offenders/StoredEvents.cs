using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosovo.Api.Offenders;

/// <summary>
/// The explicit list of event types and the names they are stored under in Marten's <c>mt_events.type</c>.
/// Names are part of the stored data: renaming a class must not rename its events, so every type is
/// registered with a name by hand, and the event store is configured from this list alone.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    public EventTypeRegistry(JsonSerializerOptions? serializerOptions = null)
    {
        SerializerOptions = serializerOptions ?? CreateSerializerOptions();
    }

    /// <summary>How events and stored states are written as JSON: the web defaults, enums as their names.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IReadOnlyDictionary<Type, string> Types => _byType;

    public static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        return options;
    }

    public EventTypeRegistry Register<TEvent>(string name) where TEvent : class => Register(typeof(TEvent), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_byName.TryGetValue(name, out var existing))
            throw new InvalidOperationException(
                $"Event type name '{name}' is registered twice ({existing.Name} and {type.Name}).");
        if (_byType.TryGetValue(type, out var existingName))
            throw new InvalidOperationException(
                $"Event type {type.Name} is registered twice ('{existingName}' and '{name}').");
        _byName.Add(name, type);
        _byType.Add(type, name);
        return this;
    }

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name)
            ? name
            : throw new UnknownEventTypeException(
                $"Event type {type.FullName} is not registered; register it with a stored name before appending it.");

    public Type TypeOf(string name) =>
        _byName.TryGetValue(name, out var type)
            ? type
            : throw new UnknownEventTypeException(
                $"The event store holds an event of type '{name}', which this application does not register.");

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), SerializerOptions);

    public object Deserialize(string typeName, string json) =>
        JsonSerializer.Deserialize(json, TypeOf(typeName), SerializerOptions)
        ?? throw new InvalidOperationException($"Event of type '{typeName}' deserialized to null.");
}

/// <summary>A type name in the event store, or a type being appended, that nobody registered.</summary>
public sealed class UnknownEventTypeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Who recorded an event, when, and what request it belonged to.</summary>
/// <param name="UserId">The authenticated user's object id (the <c>oid</c> claim).</param>
/// <param name="UserName">The user's display name at the time.</param>
/// <param name="RecordedAt">When the system recorded the event (from <see cref="TimeProvider"/>).</param>
/// <param name="CorrelationId">Ties together everything one request did.</param>
/// <param name="CausationId">The message or event that caused this one, when there is one.</param>
public sealed record EventMetadata(
    string UserId,
    string UserName,
    DateTimeOffset RecordedAt,
    Guid CorrelationId,
    Guid? CausationId = null);

/// <summary>An event as stored: its place in the global order and in its stream.</summary>
public sealed record RecordedEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string TypeName,
    object Data,
    EventMetadata Metadata);
