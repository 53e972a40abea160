using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// What the LED would show once the firmware in flash boots, in the vocabulary of particle-facts.md
/// ("LED patterns"), checked in boot order: system firmware, user firmware, Wi-Fi module, server key,
/// device key. The first problem found is the one the owner sees.
/// </summary>
internal static class LedPatterns
{
    public static string Read(Platform platform, IReadOnlyList<SimulatedFlash> flash, CloudKeys cloud, byte[] cloudKnownPublicKey)
    {
        var firmware = platform == Platform.Core ? CoreFirmware(flash) : Gen2Firmware(platform, flash[0]);
        if (firmware is not null) return firmware;

        var slots = KeySlots.For(platform);
        var serverKey = flash[1].Read(slots.ServerKey, slots.ServerKeySize);
        if (ServerKeys.PublicKeyOf(serverKey, slots.Ec) is not { } serverPublic)
            return "cyan-flash-red-3"; // missing (erased) or corrupt: older Device OS can't reach the cloud
        if (!serverPublic.AsSpan().SequenceEqual(cloud.KeyFor(platform)))
            return "cyan-flash-magenta-1"; // a key that parses but is not the Particle cloud's

        var devicePublic = DevicePrivateKeys.PublicKeyOf(flash[1].Read(slots.DevicePrivateKey, slots.DevicePrivateKeySize));
        if (devicePublic is null) return "cyan-flash-red-4"; // no usable private key: the handshake fails
        if (!devicePublic.AsSpan().SequenceEqual(cloudKnownPublicKey)) return "cyan-flash-orange-1";
        return "breathing-cyan";
    }

    // A broken or mismatched system part set faults early in boot: SOS then 1 blink (hard fault).
    // Without a user app whose dependencies the system meets, device-os runs safe mode (magenta).
    private static string? Gen2Firmware(Platform platform, SimulatedFlash internalFlash)
    {
        var map = PlatformMemoryMap.For(platform);
        var versions = new List<ushort>();
        for (var i = 0; i < map.SystemParts.Count; i++)
        {
            var region = map.SystemParts[i];
            var info = HeaderAt(internalFlash, region, false, ModuleFunction.SystemPart);
            if (info is null || !IsModule(info, platform, region, ModuleFunction.SystemPart, (byte)(i + 1))) return "sos-1";
            if (i > 0 && !Satisfied(info.Dependency, versions)) return "sos-1";
            versions.Add(info.Version);
        }
        var app = HeaderAt(internalFlash, map.UserApp, false, ModuleFunction.UserPart);
        if (app is null || !IsModule(app, platform, map.UserApp, ModuleFunction.UserPart, 1) || !Satisfied(app.Dependency, versions))
            return "magenta";
        return null;
    }

    // The Core's firmware is one monolithic module; the patch programmer leaves it waiting in magenta.
    private static string? CoreFirmware(IReadOnlyList<SimulatedFlash> flash)
    {
        var region = PlatformMemoryMap.For(Platform.Core).UserApp;
        var info = HeaderAt(flash[0], region, true, ModuleFunction.MonoFirmware);
        if (info is null || !IsModule(info, Platform.Core, region, ModuleFunction.MonoFirmware, 0)) return "magenta";
        var offset = ModuleInfo.HeaderOffset(true, ModuleFunction.MonoFirmware);
        if (SimulatedFirmware.NameOf(flash[0].Read(region.Start, offset + 128), offset) == SimulatedFirmware.Cc3000PatchProgrammerTag)
            return "magenta";
        var marker = System.Text.Encoding.ASCII.GetString(flash[1].Read(SimulatedDctLayout.CoreCc3000Marker, FactoryImage.Cc3000Outdated.Length));
        return marker == FactoryImage.Cc3000Outdated ? "cyan-flash-green" : null;
    }

    private static ModuleInfo? HeaderAt(SimulatedFlash flash, FlashRegion region, bool core, ModuleFunction function)
    {
        var header = flash.Read(region.Start + (uint)ModuleInfo.HeaderOffset(core, function), ModuleInfo.Size);
        return header.All(b => b == 0xFF) ? null : ModuleInfo.Read(header);
    }

    private static bool IsModule(ModuleInfo info, Platform platform, FlashRegion region, ModuleFunction function, byte index) =>
        info.StartAddress == region.Start && info.EndAddress > region.Start && info.EndAddress <= region.End &&
        info.PlatformId == (ushort)platform && info.Function == function && info.Index == index;

    // versions[i] is the installed version of system part i + 1.
    private static bool Satisfied(ModuleDependency dependency, IReadOnlyList<ushort> versions) =>
        dependency.Function == ModuleFunction.None ||
        (dependency.Function == ModuleFunction.SystemPart && dependency.Index >= 1 && dependency.Index <= versions.Count &&
         versions[dependency.Index - 1] >= dependency.Version);
}
