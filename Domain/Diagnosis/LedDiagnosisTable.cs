using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using static PhotonSupport.Domain.Jobs.RecoveryJobKind;

namespace PhotonSupport.Domain.Diagnosis;

/// <summary>A probable cause and the ordered recovery plan for it.</summary>
public sealed record LedDiagnosis(string LedPattern, string Cause, IReadOnlyList<RecoveryJobKind> Plan);

/// <summary>
/// The LED vocabulary the desk accepts and what each pattern most likely means
/// (particle-facts.md, "LED patterns"). A pattern may be limited to the platforms that can show it.
/// </summary>
public static class LedDiagnosisTable
{
    private sealed record Row(string Code, string Cause, RecoveryJobKind[] Plan, Platform[]? OnlyOn = null);

    private const string UnexpectedOnPlatform = "pattern not expected on this platform";

    private static readonly string[] SosFaults =
    [
        "hard fault", "NMI fault", "memory manager fault", "bus fault", "usage fault", "invalid length", "exit",
        "out of heap", "SPI overrun", "assertion failure", "invalid case", "pure virtual call", "stack overflow",
        "heap error",
    ];

    private static readonly Row[] Rows =
    [
        new("breathing-cyan", "connected; no device fault", []),
        new("blinking-green", "Wi-Fi credentials or network", []),
        new("blinking-cyan", "cloud handshake never completes; keys suspect", [Backup, RestoreServerKey, RegenerateDeviceKeys]),
        new("cyan-flash-red-3", "cloud unreachable after connecting: server public key missing or corrupt", [Backup, RestoreServerKey, FlashTinker]),
        new("cyan-flash-red-4", "handshake failed: keys rejected", [Backup, RegenerateDeviceKeys, RestoreServerKey]),
        new("cyan-flash-orange-1", "the cloud holds a different device public key", [Backup, RegenerateDeviceKeys]),
        new("cyan-flash-orange-2", "no internet behind the Wi-Fi", []),
        new("cyan-flash-orange-3", "cloud unreachable; can be a bad server key", [Backup, RestoreServerKey]),
        new("cyan-flash-magenta-1", "wrong server public key on the device", [Backup, RestoreServerKey]),
        new("cyan-flash-green", "CC3000 Wi-Fi module firmware out of date", [Backup, PatchCc3000, FlashTinker], [Platform.Core]),
        new("magenta", "safe mode: system firmware runs, no usable user app", [Backup, FlashTinker]),
        .. SosFaults.Select((fault, i) => new Row($"sos-{i + 1}", $"SOS {i + 1}: {fault}", [Backup, UpdateSystemFirmware, FlashTinker])),
        new("blinking-yellow", "DFU mode: ready for bench work", []),
        new("dark", "no power or dead hardware", []),
        new("other", "unknown", [Backup]),
    ];

    private static readonly Dictionary<string, Row> ByCode = Rows.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>Every accepted code, in the order of the published table.</summary>
    public static IReadOnlyList<string> Codes { get; } = Rows.Select(r => r.Code).ToArray();

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static LedDiagnosis Diagnose(Platform platform, string code)
    {
        if (!ByCode.TryGetValue(code, out var row))
            throw new ArgumentException($"'{code}' is not an LED pattern code; validate input before diagnosing", nameof(code));

        return row.OnlyOn is null || row.OnlyOn.Contains(platform)
            ? new LedDiagnosis(code, row.Cause, row.Plan)
            : new LedDiagnosis(code, UnexpectedOnPlatform, [Backup]);
    }
}
