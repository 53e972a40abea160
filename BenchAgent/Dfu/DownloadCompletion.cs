using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// The GETSTATUS dance after a DNLOAD (a DfuSe command or a data block), DFU 1.1 §7.2:
/// GETSTATUS answers dfuDNBUSY while the work runs; wait bwPollTimeout and ask again until
/// dfuDNLOAD-IDLE, within a deadline.
/// </summary>
internal static class DownloadCompletion
{
    /// <summary>
    /// The least wait between polls: a Gen 2 device reports bwPollTimeout 0 even while it erases,
    /// and a poll must still let (virtual) time pass.
    /// </summary>
    public static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(5);

    /// <exception cref="UsbTransferException">a GETSTATUS failed other than by timing out before the deadline.</exception>
    public static void Await(DfuRequests requests, IBenchClock clock, string phase, uint address, TimeSpan budget, CancellationToken ct)
    {
        var deadline = clock.Elapsed + budget;
        var polls = (int)(budget / MinimumPoll) + 2;
        var state = DfuState.DfuDownloadSync;
        for (var poll = 0; poll < polls && clock.Elapsed < deadline; poll++)
        {
            ct.ThrowIfCancellationRequested();
            DfuStatus status;
            try
            {
                status = requests.GetStatus();
            }
            catch (UsbTransferException e) when (e.Failure == UsbFailure.Timeout && clock.Elapsed < deadline)
            {
                // A busy device may hold GETSTATUS past the request timeout; poll again until the deadline.
                state = DfuState.DfuDownloadBusy;
                continue;
            }
            state = status.State;
            if (status.Status != DfuStatusCode.Ok || state == DfuState.DfuError)
                throw new DfuStatusException(phase, address, status.Status, state);
            if (state == DfuState.DfuDownloadIdle)
                return;
            if (state is not (DfuState.DfuDownloadBusy or DfuState.DfuDownloadSync))
                throw new DfuStatusException(phase, address, status.Status, state);
            var remaining = deadline - clock.Elapsed;
            clock.Sleep(TimeSpan.FromTicks(Math.Min(Math.Max(status.PollTimeout.Ticks, MinimumPoll.Ticks), Math.Max(remaining.Ticks, 0))));
        }
        throw new DfuTimeoutException(phase, address, $"the device stayed in {state.SpecName()} for more than {budget.TotalSeconds:0.#} s");
    }
}
