namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// What a DfuSe sector allows (AN3156 §4: the mode letter 'a'..'g' is 'a' − 1 plus these bits).
/// </summary>
[Flags]
public enum SectorPermissions : byte
{
    None = 0,
    Readable = 1,
    Erasable = 2,
    Writable = 4,
}
