using System.Buffers.Binary;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// The DfuSe commands Particle bootloaders implement (ST AN3156 §6.1.3), each a DNLOAD with
/// wValue 0 followed by the GETSTATUS dance. A stalled command is retried after returning to
/// dfuIDLE, as particle-usb does; every other failure is reported at once.
/// </summary>
public sealed class DfuSeCommands(DfuRequests requests, IBenchClock clock)
{
    /// <summary>AN3156 §6.1.3: DfuSe commands travel in DNLOAD block 0.</summary>
    public const ushort CommandBlock = 0;

    /// <summary>particle-usb retries a stalled DfuSe command up to 5 times, 1 s apart.</summary>
    public const int MaxStallRetries = 5;

    public static readonly TimeSpan StallRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Setting the pointer does no flash work; this only bounds a device that never settles.</summary>
    public static readonly TimeSpan SetAddressBudget = TimeSpan.FromSeconds(2);

    /// <summary>Points the next UPLOAD/DNLOAD block 2 at <paramref name="address"/>.</summary>
    public void SetAddressPointer(uint address, string phase, CancellationToken ct) =>
        Run(DfuseCommand.SetAddressPointer, address, phase, SetAddressBudget, ct);

    /// <summary>
    /// Erases <paramref name="sector"/>, allowing <see cref="EraseBudget"/> for its size. Not cancellable:
    /// an erase is only ever followed by the write that refills the sector (issue 13).
    /// </summary>
    public void ErasePage(MemorySector sector) =>
        Run(DfuseCommand.Erase, sector.Start, "erase", EraseBudget(sector.Size), CancellationToken.None);

    /// <summary>
    /// How long an erase may keep the device busy: a second plus 32 ms per KiB, which is twice the
    /// STM32F2 worst case (128 KiB in 2.6 s → 5.1 s) and generous for 1 KiB Core pages and 4 KiB SPI sectors.
    /// </summary>
    public static TimeSpan EraseBudget(uint sectorSize) =>
        TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(32.0 * sectorSize / 1024);

    private void Run(byte command, uint address, string phase, TimeSpan budget, CancellationToken ct)
    {
        Span<byte> request = stackalloc byte[5];
        request[0] = command;
        BinaryPrimitives.WriteUInt32LittleEndian(request[1..], address);
        for (var retry = 0; ; retry++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                requests.Download(CommandBlock, request);
                DownloadCompletion.Await(requests, clock, phase, address, budget, ct);
                return;
            }
            catch (UsbTransferException e) when (e.Failure == UsbFailure.Stall && retry < MaxStallRetries)
            {
                IdleRecovery.Ensure(requests, clock, phase, address);
                clock.Sleep(StallRetryDelay);
            }
            catch (UsbTransferException e)
            {
                throw DfuException.FromUsb(e, phase, address);
            }
        }
    }
}
