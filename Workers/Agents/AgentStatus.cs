namespace PhotonSupport.Workers.Agents;

public sealed record AttachedDevice(string DeviceId, string Platform);

/// <summary>What the desk knows of a bench agent: when it last called, what it has attached, what it works on.</summary>
public sealed class AgentStatus
{
    /// <summary>The agent's name (its API key's name).</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset LastSeenAt { get; set; }

    public List<AttachedDevice> AttachedDevices { get; set; } = [];

    public Guid? CurrentJobId { get; set; }
}
