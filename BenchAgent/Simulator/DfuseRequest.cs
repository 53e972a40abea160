namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// What a DNLOAD asked for. The bootloader only stores it; the work happens at the GETSTATUS that
/// follows (DFU 1.1 §7.2, dfuDNLOAD-SYNC → dfuDNBUSY; AN3156 §6.1 for the DfuSe commands).
/// </summary>
internal abstract record DfuseRequest
{
    public sealed record SetAddress(uint Address) : DfuseRequest;

    public sealed record Erase(uint Address) : DfuseRequest;

    public sealed record Write(uint Address, byte[] Data) : DfuseRequest;

    public sealed record GetCommands : DfuseRequest;

    /// <summary>The zero-length DNLOAD: manifest, that is, leave DFU and boot from the address pointer.</summary>
    public sealed record Leave : DfuseRequest;
}
