using System.Buffers.Binary;

namespace PhotonSupport.Domain.Devices;

/// <summary>What a firmware module is for (device-os <c>module_info.h</c>, <c>module_function_t</c>).</summary>
public enum ModuleFunction : byte
{
    None = 0,
    Resource = 1,
    Bootloader = 2,
    MonolithicFirmware = 3,
    SystemPart = 4,
    UserPart = 5,
}

/// <summary>
/// The 24-byte header device-os puts at the start of every module binary (<c>module_info_t</c>,
/// little-endian): where the module lives, what it is, for which platform. The bench takes a
/// binary's destination from here, never from its file name.
/// </summary>
public sealed record ModuleHeader(uint StartAddress, uint EndAddress, ushort Version, ushort PlatformId, ModuleFunction Function, byte Index)
{
    public const int Size = 24;

    /// <summary>The module's length as its header states it: start to end, plus the CRC-32 trailer.</summary>
    public long DeclaredLength => (long)EndAddress - StartAddress + 4;

    public static ModuleHeader? TryParse(ReadOnlySpan<byte> binary)
    {
        if (binary.Length < Size) return null;
        var start = BinaryPrimitives.ReadUInt32LittleEndian(binary);
        var end = BinaryPrimitives.ReadUInt32LittleEndian(binary[4..]);
        if (end <= start) return null;
        return new ModuleHeader(start, end, BinaryPrimitives.ReadUInt16LittleEndian(binary[10..]),
            BinaryPrimitives.ReadUInt16LittleEndian(binary[12..]), (ModuleFunction)binary[14], binary[15]);
    }

    public void WriteTo(Span<byte> binary)
    {
        binary[..Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(binary, StartAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(binary[4..], EndAddress);
        BinaryPrimitives.WriteUInt16LittleEndian(binary[10..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(binary[12..], PlatformId);
        binary[14] = (byte)Function;
        binary[15] = Index;
    }
}
