using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Workers.Agents;

/// <summary>A device on a bench, parsed once from the agent's claim request.</summary>
public sealed record AttachedDevice(string DeviceId, Platform Platform);

/// <summary>What the desk knows of a bench agent: when it last called, what it has attached, what it works on.</summary>
public sealed class AgentStatus
{
    /// <summary>The agent's API key id: an agent is its key, and two keys may share a name.</summary>
    public string Id { get; set; } = "";

    /// <summary>The key's name, for people to read.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset LastSeenAt { get; set; }

    public List<AttachedDevice> AttachedDevices { get; set; } = [];

    public Guid? CurrentJobId { get; set; }
}
