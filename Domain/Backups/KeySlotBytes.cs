namespace PhotonSupport.Domain.Backups;

internal static class KeySlotBytes
{
    /// <summary>Erased flash reads 0xFF (particle-facts.md, "DFU 1.1 and DfuSe": erase sets a sector to 0xFF).</summary>
    public static bool Erased(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0xFF);
}
