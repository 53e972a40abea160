using System.Buffers.Binary;

using PhotonSupport.BenchAgent.Particle;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// The Gen 2 application DCT as the bootloader presents it behind alt 1, and the two physical copies
/// behind it in internal flash (0x08004000 and 0x08008000, 16 KiB each).
/// device-os platform/MCU/STM32F2xx/STM32_USB_Device_Driver/src/usbd_dct_if.c: an erase on alt 1
/// does nothing and reports success; a write hands the block to <c>dct_write_app_data(offset)</c>
/// (hal/src/photon/dct_hal.c, which the Photon bootloader builds in), and WICED's
/// <c>wiced_dct_write</c> never writes the active copy in place: it erases the other sector, copies the
/// active copy into it with the new bytes laid over, writes its header as the current one, and the
/// old copy is erased. So each write moves the DCT to the other sector, and a write is whole or absent.
/// </summary>
internal static class DctCopies
{
    private static readonly uint[] Copies = [DctLayout.Copy1Address, DctLayout.Copy2Address];

    // WICED platform_dct_header_t as far as the simulator fills it: full size, used size,
    // write-incomplete, is-current, app-valid, mfg-info-programmed, magic (BOOTLOADER_MAGIC_NUMBER).
    // The rest of the header stays 0xFF.
    private const uint Magic = 0x4D435744;
    private const int IsCurrentOffset = 9;
    private const int MagicOffset = 12;

    /// <summary>An erase, a header, a copy and an erase of 16 KiB sectors (STM32F2 timing).</summary>
    public static TimeSpan WriteDuration(FlashTiming timing) =>
        timing.EraseSector(DctLayout.Size) * 2 + timing.Program(DctLayout.Size);

    /// <summary>Lays <paramref name="data"/> over the application DCT at <paramref name="offset"/>, then moves it to the other copy.</summary>
    public static void Write(SimulatedFlash applicationDct, SimulatedFlash internalFlash, uint offset, ReadOnlySpan<byte> data)
    {
        applicationDct.Program(offset, data);
        Commit(applicationDct, internalFlash);
    }

    /// <summary>Writes the application DCT into the copy that is not active and erases the one that was.</summary>
    public static void Commit(SimulatedFlash applicationDct, SimulatedFlash internalFlash)
    {
        var active = Active(internalFlash);
        var next = active == Copies[0] ? Copies[1] : Copies[0];
        Erase(internalFlash, next);
        internalFlash.Program(next, Header());
        internalFlash.Program(next + DctLayout.CopyHeaderSize, applicationDct.Read(0, DctLayout.MirroredLength));
        if (active is { } old) Erase(internalFlash, old);
    }

    /// <summary>The physical address of the copy whose header says it is current, or null when neither does.</summary>
    public static uint? Active(SimulatedFlash internalFlash)
    {
        foreach (var copy in Copies)
        {
            var header = internalFlash.Read(copy, MagicOffset + 4);
            if (header[IsCurrentOffset] == 1 && BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(MagicOffset)) == Magic) return copy;
        }
        return null;
    }

    private static byte[] Header()
    {
        var header = new byte[DctLayout.CopyHeaderSize];
        Array.Fill(header, (byte)0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), DctLayout.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), DctLayout.Size);
        header[8] = 0; // write complete
        header[IsCurrentOffset] = 1;
        header[10] = 1; // application section valid
        header[11] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(MagicOffset), Magic);
        return header;
    }

    // The firmware erases the copy's sector itself; over DFU these sectors are read-only.
    private static void Erase(SimulatedFlash internalFlash, uint copy)
    {
        var erased = new byte[DctLayout.Size];
        Array.Fill(erased, (byte)0xFF);
        internalFlash.Program(copy, erased);
    }
}
