using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Domain.Tests;

/// <summary>Events that set up a case, in the support team's words.</summary>
public static class TicketHistory
{
    public static readonly Guid TicketId = Guid.Parse("0194f5d2-0000-7000-8000-000000000001");
    public const string DeviceId = "3c002b000347343339373536";
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static DeviceReported PhotonReported(Platform platform = Platform.Photon) =>
        new(TicketId, "PS-1", DeviceId, platform, "owner@example.com", "cyan blinks then three red", "cyan-flash-red-3", "support", Monday);

    public static BackupReceived BackupFromEmail() =>
        new(TicketId, new string('a', 64), 1_048_576, BackupSource.Email, "owner@example.com", Monday.AddHours(1));

    public static RecoveryJobQueued JobQueued(RecoveryJobKind kind) =>
        new(TicketId, Guid.NewGuid(), kind, DeviceId, Platform.Photon, "support", Monday.AddHours(2));

    public static TicketResolved Resolved() => new(TicketId, "device online", "support", Monday.AddHours(3));

    /// <summary>A library holding every binary any job writes on any platform, so the firmware rule lets every job through.</summary>
    public static readonly FirmwareOnFile Library = new(Enum.GetValues<Platform>()
        .SelectMany(p => RecoveryJobKinds.All.SelectMany(k => k.FirmwareFor(p)))
        .Distinct()
        .ToDictionary(name => name, _ => new string('f', 64)));

    public static Ticket Given(params object[] events) => events.Aggregate((Ticket?)null, Ticket.Evolve)!;
}
