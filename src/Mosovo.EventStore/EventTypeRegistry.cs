using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosovo.EventStore;

/// <summary>
/// The explicit list of event types and the names they are stored under. Names are part of the stored
/// data: renaming a class must not rename its events, so every type is registered with a name by hand.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    public EventTypeRegistry(JsonSerializerOptions? serializerOptions = null)
    {
        SerializerOptions = serializerOptions ?? CreateSerializerOptions();
    }

    public JsonSerializerOptions SerializerOptions { get; }

    public IReadOnlyCollection<string> Names => _byName.Keys;

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
            throw new InvalidOperationException($"Event type name '{name}' is registered twice ({existing.Name} and {type.Name}).");
        if (_byType.TryGetValue(type, out var existingName))
            throw new InvalidOperationException($"Event type {type.Name} is registered twice ('{existingName}' and '{name}').");
        _byName.Add(name, type);
        _byType.Add(type, name);
        return this;
    }

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name)
            ? name
            : throw new UnknownEventTypeException($"Event type {type.FullName} is not registered; register it with a stored name before appending it.");

    public Type TypeOf(string name) =>
        _byName.TryGetValue(name, out var type)
            ? type
            : throw new UnknownEventTypeException($"The events table holds an event of type '{name}', which this application does not register.");

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), SerializerOptions);

    public object Deserialize(string typeName, string json) =>
        JsonSerializer.Deserialize(json, TypeOf(typeName), SerializerOptions)
        ?? throw new InvalidOperationException($"Event of type '{typeName}' deserialized to null.");
}
