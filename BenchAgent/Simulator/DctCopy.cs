using System.Buffers.Binary;

using PhotonSupport.BenchAgent.Particle;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// Keeps the active DCT copy in internal flash in step with the application DCT behind alt 1, so a
/// whole-flash backup over alt 0 shows what alt 1 holds (particle-facts.md, "The application DCT":
/// two physical copies at 0x08004000 and 0x08008000, one active, a header, then the application section).
/// </summary>
internal static class DctCopy
{
    // WICED platform_dct_header_t as far as the simulator fills it: full size, used size,
    // write-incomplete, is-current, app-valid, mfg-info-programmed, magic. The rest of the header stays 0xFF.
    private const uint Magic = 0x4D435744;

    public static void Mirror(SimulatedFlash applicationDct, SimulatedFlash internalFlash)
    {
        var header = new byte[DctLayout.Copy1HeaderSize];
        Array.Fill(header, (byte)0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), DctLayout.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), DctLayout.Size);
        header[8] = 0; // write complete
        header[9] = 1; // the current copy
        header[10] = 1; // application section valid
        header[11] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), Magic);
        internalFlash.Program(DctLayout.Copy1Address, header);
        internalFlash.Program(DctLayout.Copy1Address + DctLayout.Copy1HeaderSize, applicationDct.Read(0, DctLayout.MirroredLength));
    }
}
