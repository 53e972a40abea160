using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Tells the owner how a bench job on their device ended (template status-update), in words an owner
/// knows: "we restored your Photon's server key", not the job kind's name.
/// </summary>
public static class StatusUpdateMail
{
    public static OwnerMailDraft For(RecoveryJobOutcomeForOwner outcome)
    {
        var (done, toDo) = Work(outcome.Kind, outcome.Platform.ToString());
        var succeeded = outcome.Outcome == JobOutcome.Succeeded;
        return new OwnerMailDraft(
            outcome.TicketId, outcome.Reference, OwnerMailKind.StatusUpdate, outcome.OwnerEmail, "status-update",
            new Dictionary<string, string>
            {
                ["platform"] = outcome.Platform.ToString(),
                ["deviceId"] = outcome.DeviceId,
                ["headline"] = succeeded ? $"We {done}." : $"We could not {toDo}.",
                ["explanation"] = succeeded
                    ? "There is nothing you need to do for this step. We will write again when your device is recovered or when we need something from you."
                    : $"What the bench reported: {outcome.Details ?? "no reason was given"}. Nothing else on your device was changed by this attempt; " +
                      "a member of the support team will look at it and write to you with the next step.",
            });
    }

    /// <summary>Each job kind as what was done, and as what we set out to do.</summary>
    private static (string Done, string ToDo) Work(RecoveryJobKind kind, string device) => kind switch
    {
        RecoveryJobKind.Backup => ($"made a backup copy of your {device}'s flash memory", $"make a backup copy of your {device}'s flash memory"),
        RecoveryJobKind.RestoreServerKey => ($"restored your {device}'s server key, the key it uses to recognise the Particle cloud",
            $"restore your {device}'s server key, the key it uses to recognise the Particle cloud"),
        RecoveryJobKind.RegenerateDeviceKeys => ($"gave your {device} a new device key and registered it with the Particle cloud",
            $"give your {device} a new device key"),
        RecoveryJobKind.RestoreBackup => ($"put your {device}'s keys back from its backup", $"put your {device}'s keys back from its backup"),
        RecoveryJobKind.FlashTinker => ($"installed Tinker, Particle's test app, on your {device}", $"install Tinker, Particle's test app, on your {device}"),
        RecoveryJobKind.UpdateSystemFirmware => ($"updated your {device}'s system firmware (Device OS)", $"update your {device}'s system firmware (Device OS)"),
        RecoveryJobKind.PatchCc3000 => ($"updated the firmware of your {device}'s Wi-Fi module (CC3000)", $"update the firmware of your {device}'s Wi-Fi module (CC3000)"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a job kind with no words for owners"),
    };
}
