namespace PhotonSupport.Domain.Devices;

/// <summary>The length of the DER SEQUENCE at the start of a key slot (ITU-T X.690 §8.1.3), so padding after it is ignored.</summary>
public static class DerLength
{
    /// <summary>Tag, length and content bytes of the leading SEQUENCE; null when the slot does not start with one that fits.</summary>
    public static int? Of(ReadOnlySpan<byte> slot)
    {
        if (slot.Length < 2 || slot[0] != 0x30) return null;
        int header, content;
        switch (slot[1])
        {
            case < 0x80: header = 2; content = slot[1]; break;
            case 0x81 when slot.Length >= 3: header = 3; content = slot[2]; break;
            case 0x82 when slot.Length >= 4: header = 4; content = (slot[2] << 8) | slot[3]; break;
            default: return null;
        }
        return header + content <= slot.Length ? header + content : null;
    }
}
