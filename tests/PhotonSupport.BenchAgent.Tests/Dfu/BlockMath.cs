using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

public class BlockMath
{
    [Fact]
    public void Data_blocks_are_numbered_from_2_and_each_covers_one_transfer_size()
    {
        var blocks = DfuBlocks.Blocks(new DfuRun(0x080A0000, 0, 10_000), 4096).ToList();

        blocks.ShouldBe(
        [
            new DfuBlock(2, 0x080A0000, 0, 4096),
            new DfuBlock(3, 0x080A1000, 4096, 4096),
            new DfuBlock(4, 0x080A2000, 8192, 10_000 - 8192),
        ]);
    }

    [Fact]
    public void A_block_address_is_the_pointer_plus_block_minus_2_transfer_sizes() =>
        DfuBlocks.BlockAddress(0x00000000, 5, 1024).ShouldBe(3u * 1024);

    [Fact]
    public void A_1_MiB_read_at_4096_bytes_is_one_run_of_256_blocks()
    {
        var run = DfuBlocks.Runs(0x08000000, 1024 * 1024, 4096).ShouldHaveSingleItem();

        DfuBlocks.Blocks(run, 4096).Count().ShouldBe(256);
    }

    [Fact]
    public void A_range_longer_than_the_16_bit_block_number_reaches_is_split_into_runs_with_their_own_pointer()
    {
        var runs = DfuBlocks.Runs(0, 70_000 * 16, 16).ToList();

        runs.Select(r => (r.Address, r.Offset, r.Length)).ShouldBe(
        [
            (0u, 0, DfuBlocks.MaxBlocksPerRun * 16),
            ((uint)DfuBlocks.MaxBlocksPerRun * 16, DfuBlocks.MaxBlocksPerRun * 16, (70_000 - DfuBlocks.MaxBlocksPerRun) * 16),
        ]);
        DfuBlocks.Blocks(runs[0], 16).Last().Number.ShouldBe(ushort.MaxValue);
    }

    [Fact]
    public void An_empty_range_has_no_runs() =>
        DfuBlocks.Runs(0x08000000, 0, 4096).ShouldBeEmpty();

    [Fact]
    public void An_erase_budget_grows_with_the_sector_and_stays_near_5_s_for_128_KiB()
    {
        DfuSeCommands.EraseBudget(16 * 1024).ShouldBe(TimeSpan.FromMilliseconds(1512));
        DfuSeCommands.EraseBudget(128 * 1024).ShouldBe(TimeSpan.FromMilliseconds(5096));
    }

    [Fact]
    public void A_GETSTATUS_answer_reads_its_poll_timeout_as_three_little_endian_bytes()
    {
        var status = DfuStatus.Parse([0x00, 0x10, 0x27, 0x00, 0x04, 0x00]);

        status.ShouldBe(new DfuStatus(DfuStatusCode.Ok, TimeSpan.FromMilliseconds(10_000), DfuState.DfuDownloadBusy, 0));
    }
}
