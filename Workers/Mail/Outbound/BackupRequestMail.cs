using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Asks the owner for a flash image (template backup-request): the dfu-util lines recorded on the
/// request, the files they write, how to put the device in DFU mode, and to reply with the files attached.
/// </summary>
public static class BackupRequestMail
{
    public static OwnerMailDraft For(Ticket ticket, BackupRequested requested) =>
        OwnerMailDraft.About(ticket, OwnerMailKind.BackupRequest, "backup-request", new()
        {
            ["setupButton"] = SetupButton(ticket.Platform),
            ["dfuUtilCommands"] = string.Join("\n", requested.DfuUtilCommands),
            ["fileNames"] = string.Join(", ", PlatformCatalog.BackupFileNames(ticket.Platform, ticket.DeviceId)),
        });

    /// <summary>The button held for DFU mode is printed SETUP on a Photon or P1 and MODE on a Core or Electron.</summary>
    private static string SetupButton(Platform platform) => platform is Platform.Photon or Platform.P1 ? "SETUP" : "MODE";
}
