namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>DfuSe commands sent as DNLOAD block 0 (AN3156 §6.1); Particle bootloaders implement only these.</summary>
public static class DfuseCommand
{
    /// <summary>AN3156 §6.1.3.1 "Get Commands": 0x00 alone.</summary>
    public const byte GetCommands = 0x00;

    /// <summary>AN3156 §6.1.3.2 "Set Address Pointer": 0x21 then the 4-byte little-endian address.</summary>
    public const byte SetAddressPointer = 0x21;

    /// <summary>AN3156 §6.1.3.3 "Erase": 0x41 then an address erases the page holding it; 0x41 alone (mass erase) Particle does not implement.</summary>
    public const byte Erase = 0x41;
}
