using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

public class DeviceFaults
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Unplugging_mid_write_fails_as_device_gone_naming_the_write_and_the_block_address()
    {
        using var bench = SimulatedBench.Of("photon", "unplug-mid-write=3");

        var failure = Should.Throw<DfuDeviceGoneException>(() => bench.Session.Write(0, SimulatedBench.Gen2UserApp, SimulatedBench.Pattern(32 * 1024), ct: Ct));

        failure.Phase.ShouldBe("write");
        failure.Address.ShouldBe(SimulatedBench.Gen2UserApp + 3 * 4096u);
        failure.Message.ShouldBe("write at 0x080a3000: device gone");
    }

    /// <summary>
    /// A 16 KiB write takes about 30 control transfers (set address, erase, four data blocks, their status
    /// polls, the read-back), so every one of these rates fails at least one of them. As in particle-usb, only
    /// a stalled DfuSe command is retried (next test); a lost data block or read-back fails the write, typed,
    /// naming the phase and the address, within a bounded time.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(23)]
    [InlineData(29)]
    public void Over_flaky_USB_a_write_that_loses_a_transfer_fails_naming_phase_and_address_and_never_hangs(int every)
    {
        using var bench = SimulatedBench.Of("photon", $"flaky-usb={every}");

        var failure = Should.Throw<DfuException>(() => bench.Session.Write(0, SimulatedBench.Gen2UserApp, SimulatedBench.Pattern(16 * 1024), ct: Ct));

        failure.Message.ShouldMatch(@"^(erase|write|verify) at 0x080a[0-3]000: ");
        bench.Clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_stalled_DfuSe_command_is_retried_and_the_write_goes_through()
    {
        var data = SimulatedBench.Pattern(16 * 1024);
        using var steady = SimulatedBench.Of("photon");
        steady.Session.Write(0, SimulatedBench.Gen2UserApp, data, ct: Ct);
        // With every 26th transfer failing, the one that fails is the set-address command of the read-back
        // (the identity check before the first write adds three GET_DESCRIPTORs).
        using var bench = SimulatedBench.Of("photon", "flaky-usb=26");

        bench.Session.Write(0, SimulatedBench.Gen2UserApp, data, ct: Ct);

        bench.Device.Memory(0).Read(SimulatedBench.Gen2UserApp, data.Length).ShouldBe(data);
        bench.Device.TransferCount.ShouldBe(steady.Device.TransferCount + 2); // one GETSTATUS to find dfuIDLE, the command again
    }

    [Fact]
    public void A_device_stuck_busy_times_out_within_the_erase_deadline()
    {
        using var bench = SimulatedBench.Of("photon", "stuck-busy");

        var failure = Should.Throw<DfuTimeoutException>(() => bench.Session.Write(0, SimulatedBench.Gen2UserApp, SimulatedBench.Pattern(4096), ct: Ct));

        failure.Phase.ShouldBe("erase");
        failure.Address.ShouldBe(SimulatedBench.Gen2UserApp);
        failure.Message.ShouldContain("dfuDNBUSY");
        bench.Clock.Elapsed.ShouldBeLessThan(DfuSeCommands.EraseBudget(128 * 1024) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_device_stuck_busy_fails_a_read_at_its_set_address_command()
    {
        using var bench = SimulatedBench.Of("photon", "stuck-busy");

        var failure = Should.Throw<DfuTimeoutException>(() => bench.Session.Read(0, 0x08000000, 4096, ct: Ct));

        failure.Phase.ShouldBe("read");
        bench.Clock.Elapsed.ShouldBeLessThan(DfuSeCommands.SetAddressBudget + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void After_a_failed_write_the_next_operation_first_brings_the_device_back_to_idle()
    {
        using var bench = SimulatedBench.Of("photon", "erase-silently-fails");
        Should.Throw<DfuVerifyException>(() => bench.Session.Write(0, SimulatedBench.Gen2UserApp, SimulatedBench.Pattern(4096), ct: Ct));

        bench.Session.Read(0, 0x08000000, 4096, ct: Ct).ShouldBe(bench.Device.Memory(0).Read(0x08000000, 4096));
    }

    [Theory]
    [InlineData("photon")]
    [InlineData("core")]
    public void Leaving_DFU_succeeds_whether_the_device_resets_after_or_during_the_final_GETSTATUS(string platform)
    {
        using var bench = SimulatedBench.Of(platform);
        var start = platform == "core" ? 0x08005000u : SimulatedBench.Gen2UserApp;

        bench.Session.Leave(start);

        bench.Device.HasLeftDfu.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => bench.Session.Read(0, 0x08000000, 16, ct: Ct));
    }
}
