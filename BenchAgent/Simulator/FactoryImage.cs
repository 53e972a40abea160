using System.Globalization;
using System.Text;
using PhotonSupport.Domain.Devices;

using PhotonSupport.BenchAgent.Particle;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// The flash a simulated device arrives with, per scenario, and what booting its firmware changes.
/// Alt 0 is internal flash; alt 1 is the application DCT (Gen 2) or the SST25 external flash (Core).
/// </summary>
internal static class FactoryImage
{
    public const string Cc3000Outdated = "CC3000 patch 1.24";
    public const string Cc3000Current = "CC3000 patch 1.28";

    /// <summary>Fills the flash for the spec; returns the device public key the cloud holds for this device.</summary>
    public static byte[] Install(SimulatedDeviceSpec spec, IReadOnlyList<SimulatedFlash> flash, CloudKeys cloud)
    {
        var (platform, scenario) = (spec.Platform, spec.Scenario);
        var map = PlatformMemoryMap.For(platform);
        var internalFlash = flash[0];
        var keyStore = flash[1];
        internalFlash.Program(map.Bootloader.Start, SimulatedFirmware.Bootloader(platform));
        for (var i = 0; i < map.SystemParts.Count; i++)
        {
            var index = (byte)(i + 1);
            // sos-after-update: part 2 was updated alone and needs a part 1 newer than the one installed.
            var needs = scenario == SimulatorScenario.SosAfterUpdate && index == 2
                ? (ushort)(SimulatedFirmware.InstalledSystemVersion + 1)
                : SimulatedFirmware.InstalledSystemVersion;
            internalFlash.Program(map.SystemParts[i].Start, SimulatedFirmware.SystemPart(platform, index, needsPreviousVersion: needs));
        }
        if (scenario != SimulatorScenario.SafeMode)
            internalFlash.Program(map.UserApp.Start, SimulatedFirmware.Tinker(platform));

        var slots = KeySlots.For(platform);
        var keys = slots.Ec ? DeviceKeys.EcP256(spec.DeviceId) : DeviceKeys.Rsa1024(spec.DeviceId);
        var installed = scenario == SimulatorScenario.WrongDeviceKey
            ? (slots.Ec ? DeviceKeys.EcP256(spec.DeviceId + ":regenerated") : DeviceKeys.Rsa1024(spec.DeviceId + ":regenerated"))
            : keys;
        keyStore.Program(slots.DevicePrivateKey, installed.PrivateKeyDer);
        keyStore.Program(slots.ServerKey, ServerKeySlot(spec, cloud.SlotFor(platform)));

        if (platform == Platform.Core)
            InstallCoreExtras(scenario, keyStore);
        else
            InstallDctExtras(spec, internalFlash, keyStore, installed, cloud);
        return keys.PublicKeyDer;
    }

    /// <summary>What running the firmware after leaving DFU changes in flash: a Core patch programmer patches the CC3000.</summary>
    public static void Boot(Platform platform, IReadOnlyList<SimulatedFlash> flash)
    {
        if (platform != Platform.Core) return;
        var firmware = flash[0].Read(PlatformMemoryMap.For(platform).UserApp.Start, 0x200);
        if (SimulatedFirmware.NameOf(firmware, ModuleInfo.HeaderOffset(true, ModuleFunction.MonoFirmware)) == SimulatedFirmware.Cc3000PatchProgrammerTag)
            WriteCc3000Marker(flash[1], Cc3000Current);
    }

    private static byte[] ServerKeySlot(SimulatedDeviceSpec spec, byte[] cloudSlot) => spec.Scenario switch
    {
        SimulatorScenario.MissingServerKey => Erased(cloudSlot.Length),
        // A DER SEQUENCE header over bytes that are no key: it has the shape, not the content.
        SimulatorScenario.CorruptServerKey => CorruptKey(spec.DeviceId, cloudSlot),
        _ => cloudSlot,
    };

    private static byte[] CorruptKey(string seed, byte[] cloudSlot)
    {
        var bytes = (byte[])cloudSlot.Clone();
        var length = DerLength.Of(bytes) ?? bytes.Length;
        new Random(int.Parse(seed[..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).NextBytes(bytes.AsSpan(2, length - 2));
        bytes[1] = cloudSlot[1];
        bytes[2] = cloudSlot[2];
        bytes[3] = cloudSlot[3];
        bytes[4] = 0x04; // an OCTET STRING where the AlgorithmIdentifier SEQUENCE must be: never a key
        return bytes;
    }

    private static byte[] Erased(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)0xFF);
        return bytes;
    }

    private static void InstallCoreExtras(SimulatorScenario scenario, SimulatedFlash external)
    {
        WriteCc3000Marker(external, scenario == SimulatorScenario.Cc3000Outdated ? Cc3000Outdated : Cc3000Current);
        external.Program(DctLayout.CoreFactoryResetApp, SimulatedFirmware.Tinker(Platform.Core));
    }

    private static void WriteCc3000Marker(SimulatedFlash external, string marker) =>
        external.Program(SimulatedDctLayout.CoreCc3000Marker, Encoding.ASCII.GetBytes(marker + "\0"));

    private static void InstallDctExtras(SimulatedDeviceSpec spec, SimulatedFlash internalFlash, SimulatedFlash dct, DeviceKeyPair installed, CloudKeys cloud)
    {
        dct.Program(DctLayout.Version, [0x01, 0x00]);
        dct.Program(DctLayout.DeviceIdSuffix, Encoding.ASCII.GetBytes(spec.DeviceId[^6..].ToUpperInvariant()));
        if (spec.Platform == Platform.Electron)
        {
            // The Electron talks UDP with EC keys (the slots above); its DCT holds RSA keys for TCP as well.
            var rsa = DeviceKeys.Rsa1024(spec.DeviceId);
            dct.Program(DctLayout.DevicePrivateKey, rsa.PrivateKeyDer);
            dct.Program(DctLayout.DevicePublicKey, rsa.PublicKeyDer);
            dct.Program(DctLayout.ServerPublicKey, cloud.RsaSlot);
        }
        else
        {
            dct.Program(DctLayout.DevicePublicKey, installed.PublicKeyDer);
        }
        DctCopies.Commit(spec.Platform, dct, internalFlash);
        if (PlatformMemoryMap.For(spec.Platform).FactoryResetApp is { } factory)
            internalFlash.Program(factory.Start, SimulatedFirmware.Tinker(spec.Platform));
    }
}
