using System.Globalization;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Domain.Agents;

/// <summary>
/// What a claimed job tells the agent to fetch and check, as string pairs on the wire: the Api writes
/// them from the ticket, the agent reads them back into typed values here and nowhere else.
/// </summary>
public static class JobParameters
{
    /// <summary>Firmware library binaries by name, comma-separated, in the order they are written.</summary>
    public const string Firmware = "firmware";

    /// <summary>The pinned SHA-256 (hex) of each binary of <see cref="Firmware"/>, comma-separated, same order.</summary>
    public const string FirmwareSha256 = "firmwareSha256";

    /// <summary>The SHA-256 (hex) of the backup a RestoreBackup job writes back.</summary>
    public const string BackupSha256 = "backupSha256";

    public const string ServerKey = "serverKey";
    public const string ServerAddress = "serverAddress";
    public const string ServerPort = "serverPort";

    public static IReadOnlyDictionary<string, string> For(Ticket ticket, TicketJob job)
    {
        var parameters = new Dictionary<string, string>();
        var firmware = job.Kind.FirmwareFor(ticket.Platform);
        if (firmware.Count > 0) parameters[Firmware] = string.Join(",", firmware);
        // Jobs queued before firmware was pinned carry no pins.
        if (job.Firmware is { Count: > 0 } pins) parameters[FirmwareSha256] = string.Join(",", pins.Select(p => p.Sha256));
        if (job.BackupId is { } backupId && ticket.Backup(backupId) is { } backup) parameters[BackupSha256] = backup.Sha256;
        if (job.PrivateCloud is { } cloud)
        {
            parameters[ServerKey] = Convert.ToBase64String(cloud.ServerKey);
            parameters[ServerAddress] = cloud.Address;
            if (cloud.Port is { } port) parameters[ServerPort] = port.ToString(CultureInfo.InvariantCulture);
        }
        return parameters;
    }

    public static IReadOnlyList<string> FirmwareNames(IReadOnlyDictionary<string, string> parameters) => List(parameters, Firmware);

    /// <summary>The pinned digests, or none when the job pins nothing.</summary>
    public static IReadOnlyList<string> FirmwareDigests(IReadOnlyDictionary<string, string> parameters) => List(parameters, FirmwareSha256);

    public static string? BackupDigest(IReadOnlyDictionary<string, string> parameters) => parameters.GetValueOrDefault(BackupSha256);

    /// <summary>The private cloud the job names, or null for the Particle cloud.</summary>
    public static PrivateCloud? Cloud(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue(ServerKey, out var key) && parameters.TryGetValue(ServerAddress, out var address)
            ? new PrivateCloud(Convert.FromBase64String(key), address,
                parameters.TryGetValue(ServerPort, out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : null)
            : null;

    private static IReadOnlyList<string> List(IReadOnlyDictionary<string, string> parameters, string key) =>
        parameters.TryGetValue(key, out var value) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
}
