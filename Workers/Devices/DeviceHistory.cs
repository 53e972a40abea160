namespace PhotonSupport.Workers.Devices;

/// <summary>Everything that ever happened to one device, across all of its tickets.</summary>
public sealed class DeviceHistory
{
    public string DeviceId { get; set; } = "";

    public List<Guid> TicketIds { get; set; } = [];

    public List<DeviceHistoryEntry> Entries { get; set; } = [];
}

public sealed record DeviceHistoryEntry(Guid TicketId, long TicketVersion, long Sequence, string Type, DateTimeOffset At, string Actor);
