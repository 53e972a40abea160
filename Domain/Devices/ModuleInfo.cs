using System.Buffers.Binary;

namespace PhotonSupport.Domain.Devices;

/// <summary>module_function_t values of device-os module_info.h.</summary>
public enum ModuleFunction : byte
{
    None = 0,
    Resource = 1,
    Bootloader = 2,
    MonoFirmware = 3,
    SystemPart = 4,
    UserPart = 5,
}

/// <summary>module_dependency_t: the module a module needs, at least at this version (function None = no dependency).</summary>
public readonly record struct ModuleDependency(ModuleFunction Function, byte Index, ushort Version)
{
    public static ModuleDependency NoneRequired => default;
}

/// <summary>
/// module_info_t of device-os module_info.h, little-endian, 24 bytes: start address, end address,
/// reserved, flags, module version, platform id, module function, module index, two dependencies.
/// Modules with a vector table carry it after the table; the user part has none.
/// </summary>
public sealed record ModuleInfo(
    uint StartAddress,
    uint EndAddress,
    byte Flags,
    ushort Version,
    ushort PlatformId,
    ModuleFunction Function,
    byte Index,
    ModuleDependency Dependency,
    ModuleDependency Dependency2)
{
    public const int Size = 24;

    /// <summary>The module's length as its header states it: start to end, plus the CRC-32 trailer.</summary>
    public long DeclaredLength => (long)EndAddress - StartAddress + 4;

    /// <summary>Finds the header where device-os puts it for the module's kind; null when the binary has none.</summary>
    public static ModuleInfo? Locate(Platform platform, ReadOnlySpan<byte> module)
    {
        var core = platform == Platform.Core;
        foreach (var function in (ReadOnlySpan<ModuleFunction>)[ModuleFunction.UserPart, ModuleFunction.SystemPart, ModuleFunction.MonoFirmware, ModuleFunction.Bootloader])
        {
            var offset = HeaderOffset(core, function);
            if (module.Length < offset + Size) continue;
            var info = Read(module[offset..]);
            if (info.Function == function && info.EndAddress > info.StartAddress) return info;
        }
        return null;
    }

    /// <summary>Writes this header into <paramref name="module"/> at the offset its kind has on the platform.</summary>
    public void WriteInto(Span<byte> module, bool core) => ToBytes().CopyTo(module[HeaderOffset(core, Function)..]);

    /// <summary>
    /// Where the header sits in the module: after the STM32F2 vector table (97 vectors × 4 = 0x184) on
    /// Gen 2 bootloaders and system parts, after the STM32F103's (67 × 4 = 0x10C) on the Core, at 0
    /// in a Gen 2 user part (particle-cli's binary-version-reader reads the same offsets).
    /// </summary>
    public static int HeaderOffset(bool core, ModuleFunction function) =>
        core ? 0x10C : function == ModuleFunction.UserPart ? 0 : 0x184;

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0), StartAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), EndAddress);
        bytes[9] = Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), PlatformId);
        bytes[14] = (byte)Function;
        bytes[15] = Index;
        WriteDependency(bytes.AsSpan(16), Dependency);
        WriteDependency(bytes.AsSpan(20), Dependency2);
        return bytes;
    }

    public static ModuleInfo Read(ReadOnlySpan<byte> header) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(header),
        BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
        header[9],
        BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
        BinaryPrimitives.ReadUInt16LittleEndian(header[12..]),
        (ModuleFunction)header[14],
        header[15],
        ReadDependency(header[16..]),
        ReadDependency(header[20..]));

    private static void WriteDependency(Span<byte> at, ModuleDependency dependency)
    {
        at[0] = (byte)dependency.Function;
        at[1] = dependency.Index;
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], dependency.Version);
    }

    private static ModuleDependency ReadDependency(ReadOnlySpan<byte> at) =>
        new((ModuleFunction)at[0], at[1], BinaryPrimitives.ReadUInt16LittleEndian(at[2..]));
}
