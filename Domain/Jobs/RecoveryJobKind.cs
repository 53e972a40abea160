using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Jobs;

/// <summary>The bench operations a ticket can dispatch (particle-facts.md, "Operations").</summary>
public enum RecoveryJobKind
{
    Backup,
    RestoreServerKey,
    RegenerateDeviceKeys,
    RestoreBackup,
    FlashTinker,
    UpdateSystemFirmware,
    PatchCc3000,
}

public static class RecoveryJobKinds
{
    public static IReadOnlyList<RecoveryJobKind> All { get; } = Enum.GetValues<RecoveryJobKind>();

    public static IReadOnlyList<string> Names { get; } = EnumNames.Of<RecoveryJobKind>();

    /// <summary>Every kind but Backup overwrites something the owner may need, so it falls under the backup-first rule.</summary>
    public static bool IsDestructive(this RecoveryJobKind kind) => kind != RecoveryJobKind.Backup;

    /// <summary>The CC3000 Wi-Fi module exists only on the Core.</summary>
    public static bool RunsOn(this RecoveryJobKind kind, Platform platform) =>
        kind != RecoveryJobKind.PatchCc3000 || platform == Platform.Core;

    /// <summary>The firmware library binaries a job writes, in the order it writes them.</summary>
    public static IReadOnlyList<string> FirmwareFor(this RecoveryJobKind kind, Platform platform) => kind switch
    {
        RecoveryJobKind.FlashTinker => ["tinker"],
        RecoveryJobKind.PatchCc3000 => ["cc3000-patch"],
        RecoveryJobKind.UpdateSystemFirmware => FirmwareRegions.For(platform)
            .Where(r => r.Function is ModuleFunction.SystemPart or ModuleFunction.MonoFirmware).Select(r => r.Name).ToArray(),
        _ => [],
    };
}
