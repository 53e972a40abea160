using System.Text;

namespace PhotonSupport.Workers.Tests.Mail;

/// <summary>
/// A minimal winmail.dat written by hand from the TNEF format ([MS-OXTNEF] §2.1.3): the signature, then
/// attributes of level, tag, length, data and a 16-bit sum of the data. MimeKit can read TNEF but not write it.
/// </summary>
public static class Tnef
{
    private const uint Signature = 0x223E9F78;
    private const byte MessageLevel = 0x01, AttachmentLevel = 0x02;
    // Tag = attribute id | type << 16 ([MS-OXTNEF] §2.1.3.3: atpDword 8, atpByte 6, atpString 1).
    private const uint TnefVersion = 0x00089006, AttachRendData = 0x00069002, AttachTitle = 0x00018010, AttachData = 0x0006800F;

    public static byte[] WithAttachment(string fileName, byte[] content)
    {
        using var bytes = new MemoryStream();
        using var writer = new BinaryWriter(bytes);
        writer.Write(Signature);
        writer.Write((ushort)0x0001);
        Attribute(writer, MessageLevel, TnefVersion, BitConverter.GetBytes(0x00010000u));
        // attRenddata: attach type 1 (a file), then position, width, height and flags, all zero.
        Attribute(writer, AttachmentLevel, AttachRendData, [1, 0, .. new byte[12]]);
        Attribute(writer, AttachmentLevel, AttachTitle, [.. Encoding.ASCII.GetBytes(fileName), 0]);
        Attribute(writer, AttachmentLevel, AttachData, content);
        writer.Flush();
        return bytes.ToArray();
    }

    private static void Attribute(BinaryWriter writer, byte level, uint tag, byte[] data)
    {
        writer.Write(level);
        writer.Write(tag);
        writer.Write((uint)data.Length);
        writer.Write(data);
        writer.Write((ushort)data.Sum(b => b));
    }
}
