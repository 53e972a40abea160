using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>Why the flash refused an erase or a write.</summary>
public enum FlashRefusal
{
    None,
    /// <summary>The address is outside every sector of the layout.</summary>
    Unmapped,
    /// <summary>The sector's mode letter lacks the erase or write bit (AN3156 §4).</summary>
    NotPermitted,
}

/// <summary>
/// NOR flash behind one alt setting, shaped by its DfuSe layout: erase sets a whole sector to 0xFF,
/// programming can only clear bits (new = old AND data), so writing over unerased data corrupts it
/// (particle-facts.md, "Flash semantics the simulator must model").
/// </summary>
public sealed class SimulatedFlash
{
    private readonly byte[] _bytes;

    public SimulatedFlash(MemoryLayout layout)
    {
        Layout = layout;
        _bytes = new byte[layout.End - layout.Start];
        Array.Fill(_bytes, (byte)0xFF);
    }

    public MemoryLayout Layout { get; }

    /// <summary>Reads like the bootloader's upload: unmapped bytes read as zeros, not as an error.</summary>
    public void Read(uint address, Span<byte> destination)
    {
        destination.Clear();
        for (var i = 0; i < destination.Length; i++)
        {
            var at = address + (uint)i;
            if (at >= Layout.Start && at < Layout.End) destination[i] = _bytes[at - Layout.Start];
        }
    }

    public byte[] Read(uint address, int length)
    {
        var bytes = new byte[length];
        Read(address, bytes);
        return bytes;
    }

    /// <summary>Erases the sector holding <paramref name="address"/>; returns it, or why not.</summary>
    public FlashRefusal Erase(uint address, out MemorySector? sector)
    {
        sector = Layout.SectorAt(address);
        if (sector is null) return FlashRefusal.Unmapped;
        if (!sector.Erasable) return FlashRefusal.NotPermitted;
        _bytes.AsSpan((int)(sector.Start - Layout.Start), (int)sector.Size).Fill(0xFF);
        return FlashRefusal.None;
    }

    /// <summary>Programs bytes, each new = old AND data; refuses the whole write when any byte's sector forbids it.</summary>
    public FlashRefusal Write(uint address, ReadOnlySpan<byte> data)
    {
        var refusal = CheckWritable(address, data.Length);
        if (refusal != FlashRefusal.None) return refusal;
        var target = _bytes.AsSpan((int)(address - Layout.Start), data.Length);
        for (var i = 0; i < data.Length; i++) target[i] &= data[i];
        return FlashRefusal.None;
    }

    public FlashRefusal CheckWritable(uint address, int length)
    {
        if (length == 0) return FlashRefusal.None;
        if (address < Layout.Start || (ulong)address + (ulong)length > Layout.End) return FlashRefusal.Unmapped;
        return Layout.SectorsTouching(address, length).All(s => s.Writable) ? FlashRefusal.None : FlashRefusal.NotPermitted;
    }

    /// <summary>
    /// Puts bytes in place as a factory programmer would (no permission check, no AND): how scenarios
    /// set the contents a device arrives with, and how the Gen 2 DCT copy is kept in step with alt 1.
    /// </summary>
    public void Program(uint address, ReadOnlySpan<byte> data)
    {
        if (address < Layout.Start || (ulong)address + (ulong)data.Length > Layout.End)
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x8}+{data.Length} is outside {Layout.Name}");
        data.CopyTo(_bytes.AsSpan((int)(address - Layout.Start)));
    }

    /// <summary>A copy of the whole region, from the layout's start: what a full backup of the alt setting reads.</summary>
    public byte[] Image() => (byte[])_bytes.Clone();
}
