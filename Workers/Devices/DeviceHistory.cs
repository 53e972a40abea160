namespace PhotonSupport.Workers.Devices;

/// <summary>Everything that ever happened to one device, across all of its tickets.</summary>
public sealed class DeviceHistory
{
    public string DeviceId { get; set; } = "";

    /// <summary>The device's tickets in the order they were opened.</summary>
    public List<DeviceTicket> Tickets { get; set; } = [];

    public List<DeviceHistoryEntry> Entries { get; set; } = [];
}

/// <summary>A ticket as people name it on the phone (<c>PS-12</c>) and as links find it (its id).</summary>
public sealed record DeviceTicket(Guid TicketId, string Reference, DateTimeOffset OpenedAt);

public sealed record DeviceHistoryEntry(Guid TicketId, string TicketReference, long TicketVersion, long Sequence, string Type, DateTimeOffset At, string Actor);
