using System.Buffers.Binary;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// The Gen 2 application DCT as the bootloader presents it behind alt 1, and the two physical copies
/// behind it in internal flash (0x08004000 and 0x08008000, 16 KiB each).
/// device-os platform/MCU/STM32F2xx/STM32_USB_Device_Driver/src/usbd_dct_if.c: an erase on alt 1 does
/// nothing and reports success; a write hands the block to <c>dct_write_app_data(offset)</c>, which never
/// writes the active copy in place. It erases the other sector, copies the active copy into it with the
/// new bytes laid over, marks it current, then retires the old one. So each write moves the DCT to the
/// other copy, and a write is whole or absent. How a copy is marked and retired differs:
/// <list type="bullet">
/// <item>Photon and P1 (hal/src/photon/dct_hal.c, WICED's <c>wiced_dct_write</c>): a WICED header marks
/// the current copy; the old copy is erased.</item>
/// <item>Electron (hal/src/electron/dct_hal.cpp, services/inc/dcd.h <c>UpdateDCD</c>): an 8-byte header
/// (watermark, seal) marks it valid; the old copy keeps its data and its seal is overwritten with the
/// "invalid" value (bits cleared, no erase). The DCD footer (2-bit counter, CRC) is left out here.</item>
/// </list>
/// </summary>
internal static class DctCopies
{
    private static readonly uint[] Copies = [DctLayout.Copy1Address, DctLayout.Copy2Address];

    // WICED platform_dct_header_t as far as the simulator fills it: full size, used size,
    // write-incomplete, is-current, app-valid, mfg-info-programmed, magic (BOOTLOADER_MAGIC_NUMBER).
    // The rest of the header stays 0xFF.
    private const uint WicedMagic = 0x4D435744;
    private const int WicedIsCurrentOffset = 9;
    private const int WicedMagicOffset = 12;

    // services/inc/dcd.h: a 32-byte footer ends the sector.
    private const int DcdFooterSize = 32;

    /// <summary>An erase, a header, a copy and the old copy retired, on 16 KiB sectors (STM32F2 timing).</summary>
    public static TimeSpan WriteDuration(FlashTiming timing) =>
        timing.EraseSector(DctLayout.Size) * 2 + timing.Program(DctLayout.Size);

    /// <summary>Lays <paramref name="data"/> over the application DCT at <paramref name="offset"/>, then moves it to the other copy.</summary>
    public static void Write(Platform platform, SimulatedFlash applicationDct, SimulatedFlash internalFlash, uint offset, ReadOnlySpan<byte> data)
    {
        applicationDct.Program(offset, data);
        Commit(platform, applicationDct, internalFlash);
    }

    /// <summary>Writes the application DCT into the copy that is not active, then retires the one that was.</summary>
    public static void Commit(Platform platform, SimulatedFlash applicationDct, SimulatedFlash internalFlash)
    {
        var dcd = platform == Platform.Electron;
        var active = Active(dcd, internalFlash);
        var next = active == Copies[0] ? Copies[1] : Copies[0];
        Erase(internalFlash, next);
        if (dcd)
        {
            internalFlash.Program(next, DcdHeader(DctLayout.DcdSealValid));
            internalFlash.Program(next + DctLayout.DcdHeaderSize, applicationDct.Read(0, DctLayout.Size - DctLayout.DcdHeaderSize - DcdFooterSize));
            if (active is { } old) internalFlash.Program(old, DcdHeader(DctLayout.DcdSealInvalid));
            return;
        }
        internalFlash.Program(next, WicedHeader());
        internalFlash.Program(next + SimulatedDctLayout.CopyHeaderSize, applicationDct.Read(0, SimulatedDctLayout.MirroredLength));
        if (active is { } previous) Erase(internalFlash, previous);
    }

    /// <summary>The physical address of the copy marked current, or null when neither is.</summary>
    private static uint? Active(bool dcd, SimulatedFlash internalFlash)
    {
        foreach (var copy in Copies)
        {
            var header = internalFlash.Read(copy, WicedMagicOffset + 4);
            var current = dcd
                ? BinaryPrimitives.ReadUInt32LittleEndian(header) == DctLayout.DcdWatermark && BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)) == DctLayout.DcdSealValid
                : header[WicedIsCurrentOffset] == 1 && BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(WicedMagicOffset)) == WicedMagic;
            if (current) return copy;
        }
        return null;
    }

    private static byte[] WicedHeader()
    {
        var header = new byte[SimulatedDctLayout.CopyHeaderSize];
        Array.Fill(header, (byte)0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), DctLayout.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), DctLayout.Size);
        header[8] = 0; // write complete
        header[WicedIsCurrentOffset] = 1;
        header[10] = 1; // application section valid
        header[11] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(WicedMagicOffset), WicedMagic);
        return header;
    }

    private static byte[] DcdHeader(uint seal)
    {
        var header = new byte[DctLayout.DcdHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, DctLayout.DcdWatermark);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), seal);
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
