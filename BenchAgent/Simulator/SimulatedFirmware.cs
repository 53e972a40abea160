using System.Text;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// Synthetic firmware with valid module headers: what scenarios install, and what tests flash
/// (particle-facts.md: "tests generate synthetic binaries with valid module headers"). The bodies are
/// deterministic filler; nothing runs them, only the headers and tags matter to the simulator.
/// </summary>
public static class SimulatedFirmware
{
    /// <summary>Module version of the system parts the healthy scenarios carry.</summary>
    public const ushort InstalledSystemVersion = 110;

    /// <summary>Tag a patch programmer carries after its header; how the simulated Core recognises one when it boots.</summary>
    public const string Cc3000PatchProgrammerTag = "CC3000 patch programmer";

    public static byte[] Bootloader(Platform platform) =>
        Module(platform, ModuleFunction.Bootloader, 0, 11, PlatformMemoryMap.For(platform).Bootloader.Start, 0x3000,
            ModuleDependency.NoneRequired, "bootloader");

    /// <summary>System part <paramref name="index"/> (1-based); from part 2 on it needs the part before at <paramref name="needsPreviousVersion"/>.</summary>
    public static byte[] SystemPart(Platform platform, byte index, ushort version = InstalledSystemVersion, ushort needsPreviousVersion = InstalledSystemVersion)
    {
        var map = PlatformMemoryMap.For(platform);
        if (index < 1 || index > map.SystemParts.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{platform} has {map.SystemParts.Count} system parts");
        var dependency = index == 1 ? ModuleDependency.NoneRequired : new ModuleDependency(ModuleFunction.SystemPart, (byte)(index - 1), needsPreviousVersion);
        return Module(platform, ModuleFunction.SystemPart, index, version, map.SystemParts[index - 1].Start, 0xC000, dependency, $"system-part{index}");
    }

    /// <summary>A user application (on the Core, the monolithic firmware) that needs the last system part at <paramref name="needsSystemVersion"/>.</summary>
    public static byte[] UserApp(Platform platform, string name, ushort needsSystemVersion = InstalledSystemVersion)
    {
        var map = PlatformMemoryMap.For(platform);
        if (platform == Platform.Core)
            return Module(platform, ModuleFunction.MonoFirmware, 0, 1, map.UserApp.Start, 0x1800, ModuleDependency.NoneRequired, name);
        var dependency = new ModuleDependency(ModuleFunction.SystemPart, (byte)map.SystemParts.Count, needsSystemVersion);
        return Module(platform, ModuleFunction.UserPart, 1, 1, map.UserApp.Start, 0x1800, dependency, name);
    }

    public static byte[] Tinker(Platform platform) => UserApp(platform, "tinker");

    /// <summary>The Core's CC3000 patch programmer: flashed as the firmware, it patches the CC3000 on its next boot.</summary>
    public static byte[] Cc3000PatchProgrammer() => UserApp(Platform.Core, Cc3000PatchProgrammerTag);

    /// <summary>The name a module built here carries right after its header.</summary>
    public static string NameOf(ReadOnlySpan<byte> module, int headerOffset)
    {
        var start = headerOffset + ModuleInfo.Size;
        if (module.Length <= start) return "";
        var text = module[start..Math.Min(module.Length, start + 64)];
        var end = text.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? text : text[..end]);
    }

    public static byte[] Module(Platform platform, ModuleFunction function, byte index, ushort version, uint start, int length,
        ModuleDependency dependency, string name)
    {
        var core = platform == Platform.Core;
        var bytes = new byte[length];
        // Filler that is the same in every run (HashCode is randomised per process, so not that) and
        // different per module, so a misplaced module shows in a compare.
        var seed = name.Aggregate(((int)platform * 31 + (int)function) * 31 + index * 31 + version, (h, c) => unchecked(h * 31 + c));
        new Random(seed & 0x7fffffff).NextBytes(bytes);
        var headerOffset = ModuleInfo.HeaderOffset(core, function);
        if (headerOffset > 0)
        {
            // Vector table: initial stack pointer at the top of SRAM, then the Thumb reset handler.
            BitConverter.TryWriteBytes(bytes.AsSpan(0), core ? 0x20005000u : 0x20020000u);
            BitConverter.TryWriteBytes(bytes.AsSpan(4), (start + 0x200u) | 1u);
        }
        // The end address excludes the CRC-32 trailer, as device-os builds it.
        new ModuleInfo(start, start + (uint)length - 4, 0, version, (ushort)platform, function, index, dependency, ModuleDependency.NoneRequired)
            .WriteInto(bytes, core);
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        nameBytes.CopyTo(bytes, headerOffset + ModuleInfo.Size);
        return bytes;
    }
}
