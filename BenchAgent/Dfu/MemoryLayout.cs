using System.Globalization;
using System.Text.RegularExpressions;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// The memory one DfuSe alt setting exposes, parsed from its interface string
/// (AN3156 §4: <c>@name/0xSTART/N*SIZE&lt;unit&gt;&lt;mode&gt;,...[/0xSTART/...]</c>). The engine checks
/// every read, erase and write against it before the device sees the request.
/// </summary>
public sealed partial class MemoryLayout
{
    private MemoryLayout(string name, IReadOnlyList<Segment> segments)
    {
        Name = name;
        Segments = segments;
        Sectors = segments.SelectMany(s => s.Sectors).OrderBy(s => s.Start).ToList();
    }

    /// <summary>The region name before the first '/', trimmed ("Internal Flash").</summary>
    public string Name { get; }

    /// <summary>Segments in address order as the descriptor lists them.</summary>
    public IReadOnlyList<Segment> Segments { get; }

    public static MemoryLayout Parse(string altSettingName)
    {
        ArgumentNullException.ThrowIfNull(altSettingName);
        if (!altSettingName.StartsWith('@'))
            throw new FormatException($"'{altSettingName}' is not a DfuSe layout: it does not start with '@'");
        var parts = altSettingName[1..].Split('/');
        if (parts.Length < 3 || parts.Length % 2 == 0)
            throw new FormatException($"'{altSettingName}' is not a DfuSe layout: expected name/0xSTART/sectors, repeated");
        var segments = new List<Segment>();
        // AN3156 §4 allows several regions in one string: each "/0xSTART/groups" pair is one.
        for (var i = 1; i < parts.Length; i += 2)
            segments.AddRange(ParseRegion(altSettingName, parts[i], parts[i + 1]));
        if (segments.Count == 0)
            throw new FormatException($"'{altSettingName}' is a DfuSe layout without sectors");
        return new MemoryLayout(parts[0].Trim(), segments);
    }

    /// <summary>Every sector, one by one, in address order.</summary>
    public IReadOnlyList<MemorySector> Sectors { get; }

    /// <summary>The first mapped byte.</summary>
    public uint Start => Segments.Min(s => s.Start);

    /// <summary>One past the last mapped byte (regions may leave gaps between <see cref="Start"/> and here).</summary>
    public ulong End => Segments.Max(s => s.End);

    public Segment? Find(uint address) => Segments.FirstOrDefault(s => s.Contains(address));

    /// <summary>The sector holding <paramref name="address"/>, or null when it is unmapped.</summary>
    public MemorySector? SectorAt(uint address) => Find(address)?.SectorAt(address);

    /// <summary>Throws <see cref="DfuPermissionDeniedException"/> unless every byte is mapped and readable.</summary>
    public void CheckRead(uint address, long length) =>
        Check("read", address, length, SectorPermissions.Readable);

    /// <summary>
    /// Throws <see cref="DfuPermissionDeniedException"/> unless every byte is mapped and writable and
    /// every sector the range touches is erasable (a write erases those sectors first).
    /// </summary>
    public void CheckWrite(uint address, long length) =>
        Check("write", address, length, SectorPermissions.Writable | SectorPermissions.Erasable);

    /// <summary>The mapped sectors that bytes [address, address + length) touch, each once, in address order.</summary>
    public IReadOnlyList<MemorySector> SectorsTouching(uint address, long length)
    {
        var end = address + (ulong)Math.Max(length, 0);
        return Sectors.Where(sector => sector.Start < end && address < sector.End).ToList();
    }

    /// <summary>
    /// The same layout with <paramref name="removed"/> taken from every sector that starts below
    /// <paramref name="floor"/>: for a device that refuses what its own descriptor advertises.
    /// </summary>
    public MemoryLayout Restrict(uint floor, SectorPermissions removed)
    {
        var segments = new List<Segment>();
        foreach (var segment in Segments)
        {
            var below = segment.Start >= floor ? 0 : (int)Math.Min((ulong)segment.SectorCount, ((ulong)floor - segment.Start + segment.SectorSize - 1) / segment.SectorSize);
            if (below > 0)
                segments.Add(segment with { SectorCount = below, Permissions = segment.Permissions & ~removed });
            if (below < segment.SectorCount)
                segments.Add(segment with { Start = (uint)(segment.Start + (ulong)segment.SectorSize * (uint)below), SectorCount = segment.SectorCount - below });
        }
        return new MemoryLayout(Name, segments);
    }

    private void Check(string phase, uint address, long length, SectorPermissions needed)
    {
        var end = RangeEnd(phase, address, length);
        for (ulong at = address; at < end;)
        {
            var segment = SegmentAt(phase, at);
            if ((segment.Permissions & needed) != needed)
            {
                var missing = Enum.GetValues<SectorPermissions>().Where(p => p != 0 && (needed & ~segment.Permissions).HasFlag(p));
                throw new DfuPermissionDeniedException(phase, (uint)at, Name,
                    $"0x{segment.Start:x8}–0x{segment.End - 1:x8} is not {string.Join(" or ", missing).ToLowerInvariant()}");
            }
            at = segment.End;
        }
    }

    private ulong RangeEnd(string phase, uint address, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var end = address + (ulong)length;
        if (end > 1UL << 32)
            throw new DfuPermissionDeniedException(phase, address, Name, $"{length} bytes run past the end of the address space");
        return end;
    }

    private Segment SegmentAt(string phase, ulong address) =>
        Segments.FirstOrDefault(s => s.Contains(address))
        ?? throw new DfuPermissionDeniedException(phase, (uint)address, Name, $"0x{address:x8} is not mapped");

    private static IEnumerable<Segment> ParseRegion(string text, string startText, string groupsText)
    {
        var start = ParseStart(text, startText);
        foreach (var group in groupsText.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var match = SectorGroup().Match(group);
            if (!match.Success)
                throw new FormatException($"'{text}': '{group}' is not N*SIZE<unit><mode>");
            var count = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
            var size = ulong.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture) * UnitBytes(match.Groups["unit"].Value);
            var mode = (SectorPermissions)(match.Groups["mode"].Value[0] - 'a' + 1);
            if (count <= 0 || size == 0 || size > uint.MaxValue || start + size * (ulong)count > 1UL << 32)
                throw new FormatException($"'{text}': '{group}' does not fit the address space");
            yield return new Segment((uint)start, (uint)size, count, mode);
            start += size * (ulong)count;
        }
    }

    private static ulong ParseStart(string text, string startText)
    {
        var trimmed = startText.Trim();
        if (!trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            || !uint.TryParse(trimmed[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start))
            throw new FormatException($"'{text}': '{startText}' is not a 0x start address");
        return start;
    }

    /// <summary>AN3156 §4: 'K' is 1024, 'M' 1024², a blank means bytes.</summary>
    private static ulong UnitBytes(string unit) => unit switch
    {
        "K" => 1024,
        "M" => 1024 * 1024,
        _ => 1,
    };

    [GeneratedRegex(@"^\s*(?<count>\d+)\s*\*\s*(?<size>\d+)\s*(?<unit>[KM]?)\s*(?<mode>[a-g])\s*$")]
    private static partial Regex SectorGroup();
}
