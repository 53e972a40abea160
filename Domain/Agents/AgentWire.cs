using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhotonSupport.Domain.Agents;

/// <summary>How the agent messages are written on the wire: web casing, enums by name only (as the Api reads and writes them).</summary>
public static class AgentWire
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };
}
