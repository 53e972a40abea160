using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

public class StateRecovery
{
    [Fact]
    public void GETSTATE_answers_dfuIDLE_on_a_device_fresh_in_DFU_mode()
    {
        using var bench = SimulatedBench.Of("photon");

        new DfuRequests(bench.Device).GetState().ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void A_Core_left_in_dfuERROR_is_brought_back_to_dfuIDLE()
    {
        using var bench = SimulatedBench.Of("core");
        // CLRSTATUS outside dfuERROR puts the ST DFU library into dfuERROR with errUNKNOWN.
        new DfuRequests(bench.Device).ClearStatus();
        bench.Device.State.ShouldBe(DfuState.DfuError);

        bench.Session.EnsureIdle();

        bench.Device.State.ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void A_device_left_mid_upload_is_brought_back_to_dfuIDLE()
    {
        using var bench = SimulatedBench.Of("photon");
        var requests = new DfuRequests(bench.Device);
        requests.Upload(DfuBlocks.FirstDataBlock, new byte[4096]);
        bench.Device.State.ShouldBe(DfuState.DfuUploadIdle);

        bench.Session.EnsureIdle();

        bench.Device.State.ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void A_stall_on_a_data_block_is_reported_as_errSTALLEDPKT_with_phase_and_address()
    {
        var stall = new UsbTransferException(UsbFailure.Stall, "EP0 stalled");

        var failure = DfuException.FromUsb(stall, "write", 0x080A4000).ShouldBeOfType<DfuStatusException>();

        failure.Status.ShouldBe(DfuStatusCode.ErrStalledPkt);
        failure.Message.ShouldBe("write at 0x080a4000: the device stalled the request");
        failure.InnerException.ShouldBeSameAs(stall);
    }
}
