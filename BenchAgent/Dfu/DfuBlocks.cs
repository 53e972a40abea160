namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>A stretch of data sent or read after one Set Address Pointer.</summary>
public readonly record struct DfuRun(uint Address, int Offset, int Length);

/// <summary>One UPLOAD or DNLOAD data block of a run.</summary>
public readonly record struct DfuBlock(ushort Number, uint Address, int Offset, int Length);

/// <summary>
/// DfuSe block arithmetic (AN3156 §6.1.4 / §6.2.1): data block n (n ≥ 2) covers
/// pointer + (n − 2) × transfer size, so one pointer reaches 65,534 blocks.
/// </summary>
public static class DfuBlocks
{
    /// <summary>Blocks 0 and 1 are commands (AN3156 §6.1.3); data starts at 2.</summary>
    public const ushort FirstDataBlock = 2;

    public const int MaxBlocksPerRun = ushort.MaxValue - FirstDataBlock + 1;

    public static uint BlockAddress(uint pointer, ushort block, int transferSize) =>
        (uint)(pointer + (ulong)(block - FirstDataBlock) * (uint)transferSize);

    /// <summary>Splits a range into runs that each fit the 16-bit block number.</summary>
    public static IEnumerable<DfuRun> Runs(uint address, int length, int transferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transferSize);
        var runLength = (long)MaxBlocksPerRun * transferSize;
        for (long offset = 0; offset < length; offset += runLength)
            yield return new DfuRun((uint)(address + offset), (int)offset, (int)Math.Min(runLength, length - offset));
    }

    /// <summary>The blocks of a run; the last one is short when the run is not a multiple of the transfer size.</summary>
    public static IEnumerable<DfuBlock> Blocks(DfuRun run, int transferSize)
    {
        for (var index = 0; (long)index * transferSize < run.Length; index++)
        {
            var number = (ushort)(FirstDataBlock + index);
            var start = index * transferSize;
            yield return new DfuBlock(number, BlockAddress(run.Address, number, transferSize), run.Offset + start, Math.Min(transferSize, run.Length - start));
        }
    }
}
