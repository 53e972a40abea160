namespace PhotonSupport.Domain.Tickets;

/// <summary>What a successful job did to the device, recorded beside the job's success.</summary>
public interface IDeviceOutcome : ITicketEvent
{
    Guid JobId { get; }
    string DeviceId { get; }
}

/// <summary>The cloud's public key (and address) is back in the server key slot.</summary>
public sealed record ServerKeyRestored(Guid TicketId, Guid JobId, string DeviceId, string AgentId, DateTimeOffset RestoredAt) : IDeviceOutcome
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => RestoredAt;
}

/// <summary>A new device key pair was written on the bench; only its public half left it.</summary>
public sealed record KeysRegenerated(
    Guid TicketId, Guid JobId, string DeviceId, string PublicKeyFingerprint, string PublicKeyPem, string AgentId, DateTimeOffset RegeneratedAt)
    : IDeviceOutcome
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => RegeneratedAt;
}

/// <summary>The key slots of a backup on file were written back to the device.</summary>
public sealed record BackupRestored(Guid TicketId, Guid JobId, string DeviceId, string BackupSha256, string AgentId, DateTimeOffset RestoredAt)
    : IDeviceOutcome
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => RestoredAt;
}

public sealed record TinkerFlashed(Guid TicketId, Guid JobId, string DeviceId, string AgentId, DateTimeOffset FlashedAt) : IDeviceOutcome
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => FlashedAt;
}

public sealed record SystemFirmwareUpdated(Guid TicketId, Guid JobId, string DeviceId, string AgentId, DateTimeOffset UpdatedAt) : IDeviceOutcome
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => UpdatedAt;
}

public sealed record Cc3000Patched(Guid TicketId, Guid JobId, string DeviceId, string AgentId, DateTimeOffset PatchedAt) : IDeviceOutcome
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => PatchedAt;
}
