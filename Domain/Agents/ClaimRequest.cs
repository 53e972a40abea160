namespace PhotonSupport.Domain.Agents;

/// <summary>A device in DFU mode on the bench, as the agent read it off the bus.</summary>
public sealed record DeviceOnBench(string? DeviceId, string? Platform);

/// <summary>An agent asks for work for exactly the devices it has attached right now.</summary>
public sealed record ClaimRequest(IReadOnlyList<DeviceOnBench>? Devices);
