using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>Changing a few bytes inside erasable sectors without losing the rest of them.</summary>
public static class FlashRegions
{
    /// <summary>
    /// Reads every sector the bytes touch, lays the bytes over that copy and writes the sectors back,
    /// so the erase the write needs does not take the neighbours of a key slot with it.
    /// </summary>
    public static void Patch(DfuSession session, int altSetting, uint address, ReadOnlySpan<byte> bytes,
        IProgress<DfuProgress>? progress, CancellationToken cancellation)
    {
        var sectors = session.Layouts[altSetting].SectorsTouching(address, bytes.Length);
        var start = sectors[0].Start;
        var length = (int)(sectors[^1].End - start);
        var image = session.Read(altSetting, start, length, progress, cancellation);
        bytes.CopyTo(image.AsSpan((int)(address - start)));
        session.Write(altSetting, start, image, progress, cancellation);
    }
}
