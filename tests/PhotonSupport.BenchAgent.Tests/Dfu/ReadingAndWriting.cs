using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

public class ReadingAndWriting
{
    private const int OneMiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_backup_of_a_Photon_equals_its_flash_byte_for_byte()
    {
        using var bench = SimulatedBench.Of("photon");
        var before = bench.Device.TransferCount;

        var backup = bench.Session.Read(0, 0x08000000, OneMiB, ct: Ct);

        backup.ShouldBe(bench.Device.Memory(0).Image());
        var transfers = bench.Device.TransferCount - before;
        TestContext.Current.SendDiagnosticMessage($"1 MiB Photon backup: {transfers} control transfers, {bench.Clock.Elapsed.TotalSeconds:0.00} s of bus time");
        // 256 UPLOADs of 4 KiB, plus a few for the identity check (serial and two alt strings), address and state.
        transfers.ShouldBeLessThanOrEqualTo(256 + 16);
        bench.Device.State.ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void A_backup_reports_read_progress_up_to_the_whole_length()
    {
        using var bench = SimulatedBench.Of("photon");
        var reports = new List<DfuProgress>();

        bench.Session.Read(0, 0x08000000, 64 * 1024, new SyncProgress(reports), ct: Ct);

        reports.Count.ShouldBe(16);
        reports.ShouldAllBe(r => r.Phase == "read" && r.BytesTotal == 64 * 1024);
        reports[^1].BytesDone.ShouldBe(64 * 1024);
    }

    [Fact]
    public void Writing_below_0x08020000_over_alt_0_is_refused_before_any_transfer()
    {
        using var bench = SimulatedBench.Of("photon");
        var before = bench.Device.TransferCount;

        var refusal = Should.Throw<DfuPermissionDeniedException>(() => bench.Session.Write(0, 0x08010000, SimulatedBench.Pattern(4096), ct: Ct));

        refusal.Address.ShouldBe(0x08010000u);
        refusal.Message.ShouldStartWith("write at 0x08010000: Internal Flash");
        bench.Device.TransferCount.ShouldBe(before);
    }

    [Fact]
    public void Reading_past_the_end_of_flash_is_refused_before_any_transfer()
    {
        using var bench = SimulatedBench.Of("photon");

        Should.Throw<DfuPermissionDeniedException>(() => bench.Session.Read(0, 0x080FF000, 8192, ct: Ct)).Address.ShouldBe(0x08100000u);

        bench.Device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void Written_bytes_at_the_user_app_address_read_back_the_same_and_the_rest_of_the_sector_is_erased()
    {
        using var bench = SimulatedBench.Of("photon");
        var app = SimulatedBench.Pattern(10_001);
        var phases = new List<DfuProgress>();

        bench.Session.Write(0, SimulatedBench.Gen2UserApp, app, new SyncProgress(phases), ct: Ct);

        bench.Session.Read(0, SimulatedBench.Gen2UserApp, app.Length, ct: Ct).ShouldBe(app);
        bench.Device.Memory(0).Read(SimulatedBench.Gen2UserApp + (uint)app.Length, 128 * 1024 - app.Length).ShouldAllBe(b => b == 0xFF);
        phases.Select(p => p.Phase).Distinct().ShouldBe(["erase", "write", "verify"]);
        bench.Device.State.ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void A_write_across_two_sectors_erases_each_of_them_once()
    {
        using var bench = SimulatedBench.Of("photon");
        var data = SimulatedBench.Pattern(8192);
        var erases = new List<DfuProgress>();

        bench.Session.Write(0, 0x080BF000, data, new SyncProgress(erases), ct: Ct);

        erases.Where(p => p.Phase == "erase").Select(p => p.Address).ShouldBe([0x080A0000u, 0x080C0000u]);
        bench.Device.Memory(0).Read(0x080BF000, data.Length).ShouldBe(data);
    }

    [Fact]
    public void A_Core_write_over_alt_1_lands_in_SPI_flash_even_at_an_odd_length()
    {
        using var bench = SimulatedBench.Of("core");
        var serverKey = SimulatedBench.Pattern(2049);

        bench.Session.Write(1, 0x1000, serverKey, ct: Ct);

        bench.Device.Memory(1).Read(0x1000, serverKey.Length).ShouldBe(serverKey);
        bench.Session.Read(1, 0x1000, serverKey.Length, ct: Ct).ShouldBe(serverKey);
    }

    [Fact]
    public void A_Core_backup_reads_both_alt_settings()
    {
        using var bench = SimulatedBench.Of("core");

        bench.Session.Read(0, 0x08000000, 128 * 1024, ct: Ct).ShouldBe(bench.Device.Memory(0).Image());
        bench.Session.Read(1, 0, 2 * OneMiB, ct: Ct).ShouldBe(bench.Device.Memory(1).Image());
    }

    [Fact]
    public void An_erase_that_silently_fails_makes_the_write_fail_at_read_back_naming_the_address_and_region()
    {
        using var bench = SimulatedBench.Of("photon", "erase-silently-fails");
        var tinker = bench.Device.Memory(0).Read(SimulatedBench.Gen2UserApp, 4096);
        var data = SimulatedBench.Pattern(4096);
        var firstBad = Enumerable.Range(0, data.Length).First(i => (tinker[i] & data[i]) != data[i]);
        var expected = SimulatedBench.Gen2UserApp + (uint)firstBad;

        var failure = Should.Throw<DfuVerifyException>(() => bench.Session.Write(0, SimulatedBench.Gen2UserApp, data, ct: Ct));

        failure.Address.ShouldBe(expected);
        failure.Region.ShouldBe("Internal Flash");
        failure.Message.ShouldStartWith($"verify at 0x{expected:x8}: Internal Flash");
        bench.Device.State.ShouldBe(DfuState.DfuIdle);
    }

    [Theory]
    [InlineData("photon", 2)]
    [InlineData("p1", 2)]
    [InlineData("electron", 2)]
    [InlineData("core", 2)]
    public void A_session_reads_every_platform_layout_from_its_alt_strings(string platform, int alts)
    {
        using var bench = SimulatedBench.Of(platform);

        bench.Session.Layouts.Count.ShouldBe(alts);
        bench.Session.Layouts[0].Start.ShouldBe(0x08000000u);
        bench.Session.TransferSize.ShouldBe(platform == "core" ? 1024 : 4096);
        bench.Device.TransferCount.ShouldBe(0);
    }

    /// <summary>IProgress that reports on the calling thread, so the test sees every report in order.</summary>
    private sealed class SyncProgress(List<DfuProgress> reports) : IProgress<DfuProgress>
    {
        public void Report(DfuProgress value) => reports.Add(value);
    }
}
