using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>Where the simulator keeps what a real device keeps in ways DFU can't see, or that vary between devices.</summary>
internal static class SimulatedDctLayout
{
    /// <summary>
    /// The header the simulator puts before the application section of a Photon or P1 copy (the
    /// Electron's DCD header is 8 bytes, services/inc/dcd.h). Real WICED sizes
    /// depend on the WICED SDK version, and forensics finds the section by content, so any fixed size
    /// will do; 4096 keeps the section 4 KiB-aligned and leaves 12 KiB of it, which holds every field
    /// of DctLayout (the last ends at 3618). Application DCT bytes past 12 KiB are kept in alt 1 only.
    /// </summary>
    public const int CopyHeaderSize = 4096;

    /// <summary>Application DCT bytes a simulated copy holds after its header.</summary>
    public const int MirroredLength = DctLayout.Size - CopyHeaderSize;

    /// <summary>
    /// Simulator convention, not a Particle layout: the CC3000 module's patch level lives inside the
    /// CC3000 where DFU cannot see it, so the simulated Core records it as ASCII at external flash 0x0
    /// (the otherwise unused first 4 KiB sector): "CC3000 patch 1.24" outdated, "CC3000 patch 1.28" current.
    /// </summary>
    public const uint CoreCc3000Marker = 0x0;
}
