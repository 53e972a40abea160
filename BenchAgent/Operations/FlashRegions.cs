using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>A few slots of bytes written inside erasable sectors, as one unit, without losing the rest of those sectors.</summary>
public static class FlashRegions
{
    /// <summary>
    /// Writes every slot. Where the device replaces bytes on write (the Gen 2 DCT) only the slots go
    /// out, at their offsets, as particle-cli's <c>keys server</c> does. Where a write needs an erase (the
    /// Core's SPI flash, 4 KiB sectors) every sector a slot touches is read first, the slots are laid
    /// over those copies and the sectors are written back, so the erase does not take the neighbours
    /// with it. Cancellation is honoured while reading and before the first write, never after it: a
    /// cancelled job leaves all the old bytes or all the new, never an erased sector or a mix (issue 13).
    /// </summary>
    public static void WriteSlots(DfuSession session, int altSetting, IReadOnlyList<(uint Address, byte[] Bytes)> slots,
        IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        var writes = DeviceQuirks.WriteReplaces(session.Device, altSetting)
            ? slots
            : SectorImages(session, altSetting, slots, progress, cancellation);
        cancellation.ThrowIfCancellationRequested();
        foreach (var (address, bytes) in writes) session.Write(altSetting, address, bytes, progress, CancellationToken.None);
    }

    private static List<(uint Address, byte[] Bytes)> SectorImages(DfuSession session, int altSetting,
        IReadOnlyList<(uint Address, byte[] Bytes)> slots, IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        var layout = session.Layouts[altSetting];
        var sectors = slots.SelectMany(slot => layout.SectorsTouching(slot.Address, slot.Bytes.Length)).DistinctBy(s => s.Start).OrderBy(s => s.Start);
        var images = new List<(uint, byte[])>();
        foreach (var sector in sectors)
        {
            var image = session.Read(altSetting, sector.Start, (int)sector.Size, progress, cancellation);
            foreach (var (address, bytes) in slots)
            {
                var from = Math.Max(address, sector.Start);
                var to = Math.Min(address + (ulong)bytes.Length, sector.End);
                if (from < to) bytes.AsSpan((int)(from - address), (int)(to - from)).CopyTo(image.AsSpan((int)(from - sector.Start)));
            }
            images.Add((sector.Start, image));
        }
        return images;
    }
}
