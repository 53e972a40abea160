using System.Buffers.Binary;

namespace PhotonSupport.BenchAgent.Usb;

/// <summary>Finds the DFU functional descriptor among the class-specific descriptors of an interface.</summary>
public static class DfuFunctionalDescriptors
{
    /// <summary>DFU_FUNCTIONAL (DFU 1.1 §4.1.3, table 4.2).</summary>
    public const byte DescriptorType = 0x21;

    // DFU 1.0 devices send 7 bytes, without bcdDFUVersion; 1.1 added it (9 bytes).
    private const int Dfu10Length = 7;
    private const int Dfu11Length = 9;
    private const ushort Dfu10Version = 0x0100;

    /// <param name="descriptors">Descriptors back to back, each starting with bLength and bDescriptorType.</param>
    /// <returns>The first functional descriptor, or null when there is none (or the bytes are malformed).</returns>
    public static DfuFunctionalDescriptor? Find(ReadOnlySpan<byte> descriptors)
    {
        while (descriptors.Length >= 2)
        {
            int length = descriptors[0];
            // A zero or overlong bLength would never advance or would read past the end: stop there.
            if (length < 2 || length > descriptors.Length) return null;
            if (descriptors[1] == DescriptorType && length >= Dfu10Length) return Parse(descriptors[..length]);
            descriptors = descriptors[length..];
        }
        return null;
    }

    private static DfuFunctionalDescriptor Parse(ReadOnlySpan<byte> d) => new(
        Attributes: d[2],
        DetachTimeoutMs: BinaryPrimitives.ReadUInt16LittleEndian(d[3..]),
        TransferSize: BinaryPrimitives.ReadUInt16LittleEndian(d[5..]),
        DfuVersion: d.Length >= Dfu11Length ? BinaryPrimitives.ReadUInt16LittleEndian(d[7..]) : Dfu10Version);
}
