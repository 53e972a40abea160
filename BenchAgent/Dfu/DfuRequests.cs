using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// The DFU 1.1 class requests (§3, table 3.2), one method each. A failed transfer surfaces as the
/// transport's <see cref="UsbTransferException"/>; the caller knows the phase and address to name.
/// </summary>
public sealed class DfuRequests(IDfuTransport transport)
{
    /// <summary>
    /// Per-request timeout. Gen 2 bootloaders erase and program inside the USB interrupt, so a
    /// GETSTATUS can take a whole 128 KiB sector erase (up to 2.6 s); dfu-util uses 5 s too.
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>DFU_DNLOAD (DFU 1.1 §6.1.1): wValue is the block number; a zero-length block ends the download.</summary>
    public void Download(ushort block, ReadOnlySpan<byte> data) =>
        transport.ControlOut(DfuRequest.Download, block, data, RequestTimeout);

    /// <summary>DFU_UPLOAD (DFU 1.1 §6.2): fills <paramref name="buffer"/>; fewer bytes than asked ends the upload.</summary>
    public int Upload(ushort block, Span<byte> buffer) =>
        transport.ControlIn(DfuRequest.Upload, block, buffer, RequestTimeout);

    /// <summary>DFU_GETSTATUS (DFU 1.1 §6.1.2).</summary>
    public DfuStatus GetStatus()
    {
        Span<byte> answer = stackalloc byte[DfuStatus.Length];
        var received = transport.ControlIn(DfuRequest.GetStatus, 0, answer, RequestTimeout);
        if (received < DfuStatus.Length)
            throw new UsbTransferException(UsbFailure.Other, $"GETSTATUS answered {received} bytes, not {DfuStatus.Length}");
        return DfuStatus.Parse(answer);
    }

    /// <summary>DFU_CLRSTATUS (DFU 1.1 §6.1.3): dfuERROR back to dfuIDLE.</summary>
    public void ClearStatus() =>
        transport.ControlOut(DfuRequest.ClearStatus, 0, ReadOnlySpan<byte>.Empty, RequestTimeout);

    /// <summary>DFU_GETSTATE (DFU 1.1 §6.1.5): the state alone, without a state transition.</summary>
    public DfuState GetState()
    {
        Span<byte> answer = stackalloc byte[1];
        var received = transport.ControlIn(DfuRequest.GetState, 0, answer, RequestTimeout);
        if (received < 1)
            throw new UsbTransferException(UsbFailure.Other, "GETSTATE answered no byte");
        return (DfuState)answer[0];
    }

    /// <summary>DFU_ABORT (DFU 1.1 §6.1.4): dfuDNLOAD-IDLE or dfuUPLOAD-IDLE back to dfuIDLE.</summary>
    public void Abort() =>
        transport.ControlOut(DfuRequest.Abort, 0, ReadOnlySpan<byte>.Empty, RequestTimeout);
}
