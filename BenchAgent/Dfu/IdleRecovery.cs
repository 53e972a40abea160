using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// Brings the device back to dfuIDLE from whatever state a failed or interrupted request left it in
/// (DFU 1.1 §6.1.3 CLRSTATUS leaves dfuERROR, §6.1.4 ABORT leaves the idle-with-transfer states).
/// </summary>
internal static class IdleRecovery
{
    /// <summary>dfuDNBUSY → dfuDNLOAD-IDLE → ABORT → dfuIDLE is the longest path: three GETSTATUS and margin.</summary>
    private const int MaxSteps = 5;

    public static void Ensure(DfuRequests requests, IBenchClock clock, string phase, uint address)
    {
        DfuStatus? last = null;
        UsbTransferException? lastFailure = null;
        for (var step = 0; step < MaxSteps; step++)
        {
            try
            {
                var status = requests.GetStatus();
                last = status;
                switch (status.State)
                {
                    case DfuState.DfuIdle:
                        return;
                    case DfuState.DfuError:
                        requests.ClearStatus();
                        break;
                    case DfuState.DfuDownloadBusy or DfuState.DfuManifest:
                        // Work is running; ABORT is not allowed here (DFU 1.1 §A.2.5), so let it finish.
                        clock.Sleep(status.PollTimeout > DownloadCompletion.MinimumPoll ? status.PollTimeout : DownloadCompletion.MinimumPoll);
                        break;
                    default:
                        requests.Abort();
                        break;
                }
            }
            catch (UsbTransferException e) when (e.Failure is UsbFailure.Stall or UsbFailure.Timeout)
            {
                // A refused request stalls EP0 (Gen 2 bootloaders); the next SETUP clears the stall, so try again.
                lastFailure = e;
            }
            catch (UsbTransferException e)
            {
                throw DfuException.FromUsb(e, phase, address);
            }
        }
        throw last is { } final
            ? new DfuStatusException(phase, address, final.Status, final.State)
            : DfuException.FromUsb(lastFailure!, phase, address);
    }
}
