using System.Globalization;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// One sector of a DfuSe memory layout. The mode letter's bits (AN3156 §4, "alternate setting
/// string"): bit 0 readable, bit 1 erasable, bit 2 writable, so 'a' = 1 (read-only) … 'g' = 7.
/// </summary>
public sealed record MemorySector(uint Start, uint Size, bool Readable, bool Erasable, bool Writable)
{
    public uint End => Start + Size;

    public bool Contains(uint address) => address >= Start && address - Start < Size;
}

/// <summary>
/// The memory layout a DfuSe device publishes in an alt setting's interface string, e.g.
/// <c>@Internal Flash   /0x08000000/03*016Ka,01*016Kg,01*064Kg,07*128Kg</c> (AN3156 §4). dfu-util
/// parses the same string (dfuse_mem.c) to check every erase and write before the device sees it.
/// </summary>
public sealed record MemoryLayout(string Name, IReadOnlyList<MemorySector> Sectors)
{
    public uint Start => Sectors[0].Start;

    public uint End => Sectors[^1].End;

    public MemorySector? SectorAt(uint address) => Sectors.FirstOrDefault(s => s.Contains(address));

    /// <summary>The sectors that bytes [address, address + length) touch, in address order.</summary>
    public IReadOnlyList<MemorySector> SectorsTouching(uint address, int length) =>
        length <= 0 ? [] : Sectors.Where(s => s.Start < address + (uint)length && address < s.End).ToArray();

    /// <summary>Parses an alt setting string; throws <see cref="FormatException"/> when it is not a DfuSe layout.</summary>
    public static MemoryLayout Parse(string altSetting)
    {
        ArgumentNullException.ThrowIfNull(altSetting);
        // '@' opens the layout; then name, then one or more "/0xSTART/segments" groups (AN3156 §4).
        if (!altSetting.StartsWith('@')) throw new FormatException($"not a DfuSe layout (no '@'): '{altSetting}'");
        var parts = altSetting[1..].Split('/');
        if (parts.Length < 3 || parts.Length % 2 == 0)
            throw new FormatException($"a DfuSe layout is '@name/0xSTART/segments': '{altSetting}'");

        var sectors = new List<MemorySector>();
        for (var i = 1; i < parts.Length; i += 2)
        {
            var address = ParseAddress(parts[i], altSetting);
            foreach (var group in parts[i + 1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                address = AppendGroup(sectors, address, group, altSetting);
        }
        if (sectors.Count == 0) throw new FormatException($"a DfuSe layout without sectors: '{altSetting}'");
        return new MemoryLayout(parts[0].Trim(), sectors);
    }

    private static uint ParseAddress(string text, string whole)
    {
        var t = text.Trim();
        if (!t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ||
            !uint.TryParse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address))
            throw new FormatException($"bad start address '{text}' in '{whole}'");
        return address;
    }

    // "03*016Ka": count '*' size, then an optional unit (K = 1024, M = 1024², blank = bytes), then the mode letter.
    private static uint AppendGroup(List<MemorySector> sectors, uint address, string group, string whole)
    {
        var star = group.IndexOf('*');
        if (star <= 0 || group.Length < star + 3) throw new FormatException($"bad sector group '{group}' in '{whole}'");
        var mode = group[^1];
        if (mode is < 'a' or > 'g') throw new FormatException($"bad sector mode '{mode}' in '{whole}'");
        // ST writes a blank unit as a space ("01*016 e").
        var sizeText = group[(star + 1)..^1].TrimEnd();
        var multiplier = 1u;
        if (sizeText.Length > 0 && char.IsLetter(sizeText[^1]))
        {
            multiplier = char.ToUpperInvariant(sizeText[^1]) switch
            {
                'K' => 1024u,
                'M' => 1024u * 1024u,
                _ => throw new FormatException($"bad size unit in '{group}' of '{whole}'"),
            };
            sizeText = sizeText[..^1];
        }
        if (!uint.TryParse(group[..star], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ||
            !uint.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || count == 0 || size == 0)
            throw new FormatException($"bad sector group '{group}' in '{whole}'");

        var bits = mode - 'a' + 1;
        for (var n = 0; n < count; n++)
        {
            sectors.Add(new MemorySector(address, size * multiplier, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0));
            address += size * multiplier;
        }
        return address;
    }
}
