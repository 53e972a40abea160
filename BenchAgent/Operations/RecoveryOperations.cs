using Org.BouncyCastle.Security;
using System.Security.Cryptography;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Particle;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>Everything a job needs besides the device: the binaries and backup the agent fetched, the cloud to point at.</summary>
public sealed record JobInputs(IReadOnlyList<byte[]> Firmware, byte[]? Backup, CloudServer Cloud);

/// <summary>What a job did: a line for the ticket, and what it produced.</summary>
public sealed record OperationOutcome(string Details, byte[]? BackupImage = null, string? PublicKeyPem = null);

/// <summary>
/// One operation per job kind (particle-facts.md, "Operations"), over an open DFU session.
/// Key and backup work leaves the device in DFU mode for the next step of its plan; writing
/// firmware ends by leaving DFU, so the device boots what was written.
/// </summary>
public static class RecoveryOperations
{
    private const uint InternalFlash = 0x08000000;
    /// <summary>Keys live behind alt 1: the application DCT on Gen 2, the SPI flash on the Core.</summary>
    private const int KeyAltSetting = 1;
    private const int GenTwoFlashLength = 0x100000;
    private const int CoreInternalLength = 0x20000;
    private const int CoreExternalLength = 0x200000;

    public static OperationOutcome Run(DfuSession session, RecoveryJobKind kind, Platform platform, JobInputs inputs,
        IProgress<DfuProgress>? progress, CancellationToken cancellation) => kind switch
    {
        RecoveryJobKind.Backup => Backup(session, platform, progress, cancellation),
        RecoveryJobKind.RestoreServerKey => RestoreServerKey(session, platform, inputs.Cloud, progress, cancellation),
        RecoveryJobKind.RegenerateDeviceKeys => RegenerateDeviceKeys(session, platform, progress, cancellation),
        RecoveryJobKind.RestoreBackup => RestoreBackup(session, platform,
            inputs.Backup ?? throw new InvalidOperationException("A RestoreBackup job needs the backup to restore."), progress, cancellation),
        RecoveryJobKind.FlashTinker or RecoveryJobKind.UpdateSystemFirmware or RecoveryJobKind.PatchCc3000 =>
            FlashFirmware(session, platform, inputs.Firmware, progress, cancellation),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no operation for this job kind"),
    };

    /// <summary>The whole flash, as the founding thread's dfu-util line reads it; a Core's internal then external flash.</summary>
    public static OperationOutcome Backup(DfuSession session, Platform platform, IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        if (platform != Platform.Core)
        {
            var image = session.Read(0, InternalFlash, GenTwoFlashLength, progress, cancellation);
            return new OperationOutcome($"read {image.Length:N0} bytes of internal flash", BackupImage: image);
        }
        var internalFlash = session.Read(0, InternalFlash, CoreInternalLength, progress, cancellation);
        var externalFlash = session.Read(1, 0, CoreExternalLength, progress, cancellation);
        return new OperationOutcome($"read {internalFlash.Length:N0} bytes of internal and {externalFlash.Length:N0} of external flash",
            BackupImage: [.. internalFlash, .. externalFlash]);
    }

    public static OperationOutcome RestoreServerKey(DfuSession session, Platform platform, CloudServer cloud,
        IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        var offset = KeySlots.For(platform).ServerKey;
        FlashRegions.WriteSlots(session, KeyAltSetting, [(offset, ServerKeyBlock.Build(platform, cloud))], progress, cancellation);
        return new OperationOutcome($"server key for {cloud.Address} written at alt {KeyAltSetting} offset 0x{offset:x} and verified");
    }

    /// <summary><c>keys doctor</c>: a new pair made here; the private key is written and forgotten, the public key reported.</summary>
    public static OperationOutcome RegenerateDeviceKeys(DfuSession session, Platform platform, IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        var slots = KeySlots.For(platform);
        var keys = DeviceKeys.Generate(slots.Ec, new SecureRandom());
        var block = new byte[slots.DevicePrivateKeySize];
        Array.Fill(block, (byte)0xFF);
        keys.PrivateKeyDer.CopyTo(block, 0);
        FlashRegions.WriteSlots(session, KeyAltSetting, [(slots.DevicePrivateKey, block)], progress, cancellation);
        Array.Clear(block);
        Array.Clear(keys.PrivateKeyDer);
        return new OperationOutcome($"new device key written at alt {KeyAltSetting} offset 0x{slots.DevicePrivateKey:x} and verified",
            PublicKeyPem: new string(PemEncoding.Write("PUBLIC KEY", keys.PublicKeyDer)) + "\n");
    }

    /// <summary>Writes the key slots of the backup's active DCT copy back to the device.</summary>
    public static OperationOutcome RestoreBackup(DfuSession session, Platform platform, byte[] backup, IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        var slots = BackupKeySlots.Find(platform, backup);
        FlashRegions.WriteSlots(session, KeyAltSetting, slots, progress, cancellation);
        return new OperationOutcome($"restored {slots.Count} key slot(s) from the backup");
    }

    /// <summary>Each binary at the address its module header names, in order, then leave DFU so the device boots them.</summary>
    public static OperationOutcome FlashFirmware(DfuSession session, Platform platform, IReadOnlyList<byte[]> binaries,
        IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        if (binaries.Count == 0) throw new InvalidOperationException("The job names no firmware to write.");
        var written = new List<string>();
        uint lastStart = 0;
        foreach (var binary in binaries)
        {
            var (_, region, problem) = FirmwareRegions.Check(platform, binary);
            if (problem is not null) throw new InvalidOperationException($"Refusing to write a binary that is not a {platform} module: {problem}.");
            session.Write(0, region!.Start, binary, progress, cancellation);
            written.Add($"{region.Name} ({binary.Length:N0} bytes at 0x{region.Start:x8})");
            lastStart = region.Start;
        }
        session.Leave(lastStart);
        return new OperationOutcome($"wrote and verified {string.Join(", ", written)}; left DFU");
    }
}
