using PhotonSupport.Domain.Backups;
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

    public static readonly Guid BackupId = Guid.Parse("0194f5d2-0000-7000-8000-0000000000b1");

    /// <summary>What forensics reports for an image with both keys in place (the values are illustrative, not computed).</summary>
    public static readonly BackupFindings KeysInPlace = new("DCT copy 1 at 0x4000",
        new ServerKeyFinding(KeyCondition.Valid, "rsa-2048", ParticleCloud: true, null, null, new string('5', 64)),
        new DeviceKeyFinding(KeyCondition.Valid, "rsa-1024", new string('d', 64), StoredPublicKeyMatches: true), []);

    /// <summary>An erased image: no key anywhere.</summary>
    public static readonly BackupFindings NoKeys = new(null,
        new ServerKeyFinding(KeyCondition.Missing, null, null, null, null, null),
        new DeviceKeyFinding(KeyCondition.Missing, null, null, null), ["both DCT copies are erased"]);

    /// <summary>A mailed image arrived and its analysis found the device's keys: a backup on file.</summary>
    public static object[] BackupFromEmail() => Backup(BackupSource.Email, BackupId, KeysInPlace, new string('a', 64));

    /// <summary>An image arrived and was analysed: its <see cref="BackupReceived"/> and <see cref="BackupAnalyzed"/>.</summary>
    public static object[] Backup(BackupSource source, Guid backupId, BackupFindings findings, string sha256, DateTimeOffset? at = null) =>
    [
        new BackupReceived(TicketId, backupId, sha256, 1_048_576, source, source == BackupSource.Bench ? "bench-1" : "owner@example.com", at ?? Monday.AddHours(1)),
        new BackupAnalyzed(TicketId, backupId, findings, "forensics", at ?? Monday.AddHours(1)),
    ];

    public static RecoveryJobQueued JobQueued(RecoveryJobKind kind) =>
        new(TicketId, Guid.NewGuid(), kind, DeviceId, Platform.Photon, "support", Monday.AddHours(2));

    public static TicketResolved Resolved() => new(TicketId, "device online", "support", Monday.AddHours(3));

    /// <summary>A library holding every binary any job writes on any platform, so the firmware rule lets every job through.</summary>
    public static readonly FirmwareOnFile Library = new(Enum.GetValues<Platform>()
        .SelectMany(p => RecoveryJobKinds.All.SelectMany(k => k.FirmwareFor(p)))
        .Distinct()
        .ToDictionary(name => name, _ => new string('f', 64)));

    /// <summary>The ticket after these events; an array among them (a received image and its analysis) counts as its events in order.</summary>
    public static Ticket Given(params object[] events) =>
        events.SelectMany(e => e as object[] ?? [e]).Aggregate((Ticket?)null, Ticket.Evolve)!;
}
