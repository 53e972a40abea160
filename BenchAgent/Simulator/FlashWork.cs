using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// Runs what a DNLOAD stored, as the bootloader does once GETSTATUS arrives, and says how long the
/// device is busy with it and whether it was refused (which status a refusal maps to, DFU 1.1 §6.1.2).
/// </summary>
internal static class FlashWork
{
    public static (TimeSpan Duration, DfuStatusCode Failure, string Reason) Run(DfuseRequest request, SimulatedDfuDevice device)
    {
        var alt = device.CurrentAlt;
        var flash = device.CurrentFlash;
        if (alt.VirtualDct && request is DfuseRequest.Erase or DfuseRequest.Write) return DctWork(request, device);
        switch (request)
        {
            case DfuseRequest.SetAddress set:
                // The bootloader takes any address; what lies there is checked when it is erased, written or read.
                device.Pointer = set.Address;
                return Done;
            case DfuseRequest.Erase erase:
            {
                if (erase.Address < alt.ProtectedBelow) return Protected("erase", erase.Address);
                var sector = flash.Layout.SectorAt(erase.Address);
                if (device.Spec.Faults.EraseSilentlyFails && sector is { Erasable: true })
                    return (alt.Timing.EraseSector(sector.Size), DfuStatusCode.Ok, "");
                var refusal = flash.Erase(erase.Address, out sector);
                if (refusal != FlashRefusal.None) return Refused("erase", erase.Address, refusal);
                return (alt.Timing.EraseSector(sector!.Size), DfuStatusCode.Ok, "");
            }
            case DfuseRequest.Write write:
            {
                if (write.Address < alt.ProtectedBelow) return Protected("write", write.Address);
                // The Core programs half-words: a trailing odd byte never reaches the flash.
                var data = device.Profile.ProgramsHalfWords && write.Data.Length % 2 == 1 ? write.Data[..^1] : write.Data;
                var refusal = flash.Write(write.Address, data);
                if (refusal != FlashRefusal.None) return Refused("write", write.Address, refusal);
                return (alt.Timing.Program(data.Length), DfuStatusCode.Ok, "");
            }
            case DfuseRequest.GetCommands:
                return Done;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "not flash work");
        }
    }

    /// <summary>
    /// The Gen 2 DCT behind alt 1 (usbd_dct_if.c): an erase is accepted and does nothing; a write inside
    /// the 16 KiB replaces the bytes (no AND with what was there) by moving the DCT to its other copy.
    /// </summary>
    private static (TimeSpan, DfuStatusCode, string) DctWork(DfuseRequest request, SimulatedDfuDevice device)
    {
        if (request is not DfuseRequest.Write write) return Done;
        if (device.CurrentFlash.CheckWritable(write.Address, write.Data.Length) != FlashRefusal.None)
            return Refused("write", write.Address, FlashRefusal.Unmapped);
        device.WriteDct(write.Address, write.Data);
        return (DctCopies.WriteDuration(device.CurrentAlt.Timing), DfuStatusCode.Ok, "");
    }

    private static (TimeSpan, DfuStatusCode, string) Done => (TimeSpan.Zero, DfuStatusCode.Ok, "");

    private static (TimeSpan, DfuStatusCode, string) Protected(string what, uint address) =>
        (TimeSpan.Zero, DfuStatusCode.ErrWrite, $"{what} at 0x{address:x8} refused: the bootloader protects this range");

    private static (TimeSpan, DfuStatusCode, string) Refused(string what, uint address, FlashRefusal refusal) => refusal switch
    {
        FlashRefusal.Unmapped => (TimeSpan.Zero, DfuStatusCode.ErrAddress, $"{what} at 0x{address:x8} refused: no flash there"),
        _ => (TimeSpan.Zero, DfuStatusCode.ErrWrite, $"{what} at 0x{address:x8} refused: the sector does not permit it"),
    };
}
