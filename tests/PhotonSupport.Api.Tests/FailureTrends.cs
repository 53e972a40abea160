using System.Net;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// The failure report over a known set of tickets, arranged with events at explicit times, so every count
/// and median below is worked out by hand. No test waits for the projection: the report must see them already.
/// </summary>
public class FailureTrends(ApiFixture api) : ApiTest(api)
{
    private const string ServerKeyMissing = "server public key missing";
    private const string KeysRejected = "device keys rejected";
    private const string Cc3000Outdated = "CC3000 firmware out of date";
    private static readonly DateTimeOffset March2 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Four Photon cyan-flash-red-3 tickets diagnosed "server public key missing", reported 8:00 UTC on March 2, 3, 4 and 5:
    /// resolved after 1 h, 2 h and 9 h, and one resolved after 1 h but reopened (unresolved). RestoreServerKey succeeded
    /// twice and failed once, FlashTinker failed once. A fifth Photon (March 5) re-diagnosed as "device keys rejected".
    /// A Core cyan-flash-green on April 10 whose PatchCc3000 failed.
    /// </summary>
    private async Task GivenKnownTicketsAsync()
    {
        var p1 = await ReportedAsync(1, Platform.Photon, "cyan-flash-red-3", March2, ServerKeyMissing);
        await GivenEventsAsync(p1, Succeeded(p1, RecoveryJobKind.RestoreServerKey, March2.AddMinutes(30)), Resolved(p1, March2.AddHours(1)));

        var p2 = await ReportedAsync(2, Platform.Photon, "cyan-flash-red-3", March2.AddDays(1), ServerKeyMissing);
        await GivenEventsAsync(p2,
            Failed(p2, RecoveryJobKind.RestoreServerKey, March2.AddDays(1).AddMinutes(20)),
            Succeeded(p2, RecoveryJobKind.RestoreServerKey, March2.AddDays(1).AddMinutes(50)),
            Resolved(p2, March2.AddDays(1).AddHours(2)));

        var p3 = await ReportedAsync(3, Platform.Photon, "cyan-flash-red-3", March2.AddDays(2), ServerKeyMissing);
        await GivenEventsAsync(p3, Resolved(p3, March2.AddDays(2).AddHours(9)));

        var p4 = await ReportedAsync(4, Platform.Photon, "cyan-flash-red-3", March2.AddDays(3), ServerKeyMissing);
        await GivenEventsAsync(p4,
            Failed(p4, RecoveryJobKind.FlashTinker, March2.AddDays(3).AddMinutes(10)),
            Resolved(p4, March2.AddDays(3).AddHours(1)),
            new TicketReopened(p4, "still blinks red", "support", March2.AddDays(3).AddHours(5)));

        var p5 = await ReportedAsync(5, Platform.Photon, "cyan-flash-red-3", March2.AddDays(3), ServerKeyMissing);
        await GivenEventsAsync(p5, new DiagnosisRecorded(p5, KeysRejected, [RecoveryJobKind.RegenerateDeviceKeys], "backup forensics", "support", March2.AddDays(3).AddHours(1)));

        var april10 = new DateTimeOffset(2026, 4, 10, 10, 0, 0, TimeSpan.Zero);
        var core = await ReportedAsync(6, Platform.Core, "cyan-flash-green", april10, Cc3000Outdated);
        await GivenEventsAsync(core, Failed(core, RecoveryJobKind.PatchCc3000, april10.AddMinutes(15)));
    }

    private async Task<Guid> ReportedAsync(int n, Platform platform, string ledPattern, DateTimeOffset at, string cause)
    {
        var id = Guid.NewGuid();
        await GivenEventsAsync(id,
            new DeviceReported(id, $"PS-{900 + n}", AnotherPhoton(n), platform, "owner@example.com", "blinks", ledPattern, "support", at),
            new DiagnosisRecorded(id, cause, [RecoveryJobKind.Backup], "LED pattern", "system", at));
        return id;
    }

    private static RecoveryJobSucceeded Succeeded(Guid ticket, RecoveryJobKind kind, DateTimeOffset at) => new(ticket, Guid.NewGuid(), kind, "bench-1", null, at);

    private static RecoveryJobFailed Failed(Guid ticket, RecoveryJobKind kind, DateTimeOffset at) => new(ticket, Guid.NewGuid(), kind, "bench-1", "verify failed", at);

    private static TicketResolved Resolved(Guid ticket, DateTimeOffset at) => new(ticket, "fixed", "support", at);

    private async Task<JsonArray> RowsAsync(string query = "") => (await GetAsync($"/api/reports/failures{query}"))["rows"]!.AsArray();

    private static string Row(JsonNode? row) =>
        $"{row!["ledPattern"]} {row["platform"]} {row["cause"]}: {row["tickets"]} tickets, {row["resolved"]} resolved, median {row["medianSecondsToResolve"]?.ToString() ?? "none"}; " +
        string.Join(", ", row["jobs"]!.AsArray().Select(j => $"{j!["kind"]} {j["succeeded"]}/{j["failed"]}"));

    [Fact]
    public async Task The_report_counts_tickets_resolutions_median_time_and_job_outcomes_per_pattern_platform_and_cause()
    {
        await GivenKnownTicketsAsync();

        (await RowsAsync()).Select(Row).ShouldBe(
        [
            // Resolved after 1 h, 2 h and 9 h: the median is 2 h, 7200 s (the mean would be 4 h).
            $"cyan-flash-red-3 Photon {ServerKeyMissing}: 4 tickets, 3 resolved, median 7200; FlashTinker 0/1, RestoreServerKey 2/1",
            $"cyan-flash-green Core {Cc3000Outdated}: 1 tickets, 0 resolved, median none; PatchCc3000 0/1",
            $"cyan-flash-red-3 Photon {KeysRejected}: 1 tickets, 0 resolved, median none; ",
        ]);
    }

    [Fact]
    public async Task A_ticket_whose_LED_pattern_was_corrected_counts_under_the_corrected_pattern()
    {
        var id = await ReportedAsync(7, Platform.Photon, "other", March2, ServerKeyMissing);
        await GivenEventsAsync(id, new DeviceReportCorrected(id, null, "cyan-flash-red-3", "support", March2.AddMinutes(5)));

        (await RowsAsync()).Select(Row).ShouldBe([$"cyan-flash-red-3 Photon {ServerKeyMissing}: 1 tickets, 0 resolved, median none; "]);
    }

    [Fact]
    public async Task The_platform_filter_narrows_the_report()
    {
        await GivenKnownTicketsAsync();

        (await RowsAsync("?platform=core")).Select(Row).ShouldBe([$"cyan-flash-green Core {Cc3000Outdated}: 1 tickets, 0 resolved, median none; PatchCc3000 0/1"]);
    }

    [Fact]
    public async Task A_date_as_the_end_includes_that_whole_day()
    {
        await GivenKnownTicketsAsync();

        // March 2 and 3: resolved after 1 h and 2 h, median 1.5 h.
        (await RowsAsync("?to=2026-03-03")).Select(Row).ShouldBe(
            [$"cyan-flash-red-3 Photon {ServerKeyMissing}: 2 tickets, 2 resolved, median 5400; RestoreServerKey 2/1"]);
        (await RowsAsync("?from=2026-04-01")).Select(Row).ShouldBe([$"cyan-flash-green Core {Cc3000Outdated}: 1 tickets, 0 resolved, median none; PatchCc3000 0/1"]);
    }

    [Theory]
    [InlineData("2026-03-03T09:00:00%2B01:00")]
    [InlineData("2026-03-03T09:00:00+01:00")]
    [InlineData("2026-03-03T08:00:00Z")]
    [InlineData("2026-03-03T08:00")]
    public async Task A_date_time_with_any_offset_is_an_inclusive_bound(string from)
    {
        await GivenKnownTicketsAsync();

        // 08:00 UTC March 3 to the end of March 4: the tickets resolved after 2 h and 9 h, median 5.5 h.
        (await RowsAsync($"?from={from}&to=2026-03-04")).Select(Row).ShouldBe(
            [$"cyan-flash-red-3 Photon {ServerKeyMissing}: 2 tickets, 2 resolved, median 19800; RestoreServerKey 1/1"]);
    }

    [Fact]
    public async Task A_period_of_one_day_is_accepted_and_one_with_no_tickets_is_empty()
    {
        await GivenKnownTicketsAsync();

        (await RowsAsync("?from=2026-03-02&to=2026-03-02")).Select(Row).ShouldBe(
            [$"cyan-flash-red-3 Photon {ServerKeyMissing}: 1 tickets, 1 resolved, median 3600; RestoreServerKey 1/0"]);
        (await RowsAsync("?from=2025-01-01&to=2025-12-31")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-01T25:00:00Z", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("to=03/04/2026", "to")]
    [InlineData("from=2026-03-05&to=2026-03-01", "to")]
    [InlineData("from=2026-03-01T12:00:00Z&to=2026-03-01T11:59:59Z", "to")]
    [InlineData("platform=Argon", "platform")]
    [InlineData("platform=6", "platform")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field) =>
        await ShouldBeBadQueryAsync($"/api/reports/failures?{query}", field);
}
