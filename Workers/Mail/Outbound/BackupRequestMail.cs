using System.Globalization;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Asks the owner for a flash image (template backup-request): the dfu-util lines recorded on the
/// request, the files they write, how to put the device in DFU mode, and to reply with the files attached,
/// or, where a mail provider refuses an attachment that large, the curl line that sends it with the request's upload link.
/// A reminder (template backup-reminder) says the same again, with a link of its own: the first may have run out.
/// </summary>
public static class BackupRequestMail
{
    /// <summary>An event that asks the owner for a backup: which mail it is, and the dfu-util lines it gives.</summary>
    public sealed record Ask(OwnerMailKind Kind, string Template, IReadOnlyList<string> DfuUtilCommands);

    /// <summary>The ask an event makes of the owner, if it makes one.</summary>
    public static Ask? Asks(object happened) => happened switch
    {
        BackupRequested requested => new Ask(OwnerMailKind.BackupRequest, "backup-request", requested.DfuUtilCommands),
        BackupReminderSent reminded => new Ask(OwnerMailKind.BackupReminder, "backup-reminder", reminded.DfuUtilCommands),
        _ => null,
    };

    public static OwnerMailDraft For(Ticket ticket, Ask ask, string uploadUrl, DateTimeOffset uploadExpiresAt)
    {
        var files = PlatformCatalog.BackupFileNames(ticket.Platform, ticket.DeviceId);
        return OwnerMailDraft.About(ticket, ask.Kind, ask.Template, new()
        {
            ["setupButton"] = SetupButton(ticket.Platform),
            ["dfuUtilCommands"] = string.Join("\n", ask.DfuUtilCommands),
            ["fileNames"] = string.Join(", ", files),
            // The last file is the whole flash for every platform (for a Core its external flash, where the keys are).
            ["uploadCommand"] = $"curl -T {files[^1]} {uploadUrl}",
            ["uploadFiles"] = files.Count == 1 ? $"It takes {files[0]}, once." : OneOfSeveral(files, uploadUrl),
            ["uploadExpires"] = uploadExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>
    /// A link takes one image, and a Core's backup is two files: the external flash alone will do, or both joined
    /// internal first, the one-image form a bench backup also has (PlatformCatalog.BackupSizes).
    /// </summary>
    private static string OneOfSeveral(IReadOnlyList<string> files, string uploadUrl) =>
        $"It takes one file, once: {files[^1]} alone, or both files joined, {files[0]} first: " +
        $"cat {string.Join(" ", files)} | curl -T - {uploadUrl}";

    /// <summary>The button held for DFU mode is printed SETUP on a Photon or P1 and MODE on a Core or Electron.</summary>
    private static string SetupButton(Platform platform) => platform is Platform.Photon or Platform.P1 ? "SETUP" : "MODE";
}
