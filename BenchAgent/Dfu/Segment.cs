namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>One "N*SIZE" group of a DfuSe layout: <see cref="SectorCount"/> equal sectors from <see cref="Start"/>.</summary>
public sealed record Segment(uint Start, uint SectorSize, int SectorCount, SectorPermissions Permissions)
{
    /// <summary>One past the last byte; a ulong so a segment may end at 4 GiB.</summary>
    public ulong End => Start + (ulong)SectorSize * (uint)SectorCount;

    public bool Contains(ulong address) => address >= Start && address < End;

    public IEnumerable<MemorySector> Sectors =>
        Enumerable.Range(0, SectorCount).Select(i => new MemorySector((uint)(Start + (ulong)SectorSize * (uint)i), SectorSize, Permissions));

    /// <summary>The sector holding <paramref name="address"/>, which must lie in this segment.</summary>
    public MemorySector SectorAt(ulong address)
    {
        var index = (address - Start) / SectorSize;
        return new MemorySector((uint)(Start + index * SectorSize), SectorSize, Permissions);
    }
}

/// <summary>The unit a DfuSe erase command clears (AN3156 §6.1.3.3: "erase page").</summary>
public sealed record MemorySector(uint Start, uint Size, bool Readable, bool Erasable, bool Writable)
{
    public MemorySector(uint start, uint size, SectorPermissions permissions)
        : this(start, size,
            permissions.HasFlag(SectorPermissions.Readable),
            permissions.HasFlag(SectorPermissions.Erasable),
            permissions.HasFlag(SectorPermissions.Writable))
    {
    }

    public ulong End => Start + (ulong)Size;
}
