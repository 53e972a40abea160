using System.Net;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// A resolved ticket's images leave the vault a set time after the resolution; a reopen meanwhile keeps them. The Api
/// here is a second one, on a database of its own, whose retention time is eight seconds: long enough that the reopen, a few requests after the resolve, comes first even on a loaded machine.
/// </summary>
public sealed class BackupRetention(ApiFixture api) : ApiTest(api)
{
    private OwnApi _own = null!;
    private HttpClient _supervisor = null!;

    /// <summary>Nothing of the shared Api is used, so it is not reset.</summary>
    public override async ValueTask InitializeAsync()
    {
        _own = await OwnApi.StartAsync(Api, "photonsupport_retention_tests", "retention-supervisor", "--PhotonSupport:Retention:BackupsAfterResolved=00:00:08");
        _supervisor = _own.Supervisor;
    }

    public override ValueTask DisposeAsync() => _own.DisposeAsync();

    /// <summary>A ticket with one image on file, resolved: its id and the backup's.</summary>
    private async Task<(Guid Ticket, Guid Backup)> ResolvedWithBackupAsync()
    {
        var ticket = (await ReadAsync(await PostAsync("/api/tickets", PhotonReport(), _supervisor), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var backup = (await ReadAsync(await PutBackupAsync(ticket, PhotonBackupImage(), _supervisor), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/resolve", new { resolution = "The server key was restored." }, _supervisor), HttpStatusCode.OK);
        return (ticket, backup);
    }

    private async Task<JsonNode[]> TimelineAsync(Guid ticket) =>
        (await ReadAsync(await _supervisor.GetAsync($"/api/tickets/{ticket}/events", Cancellation), HttpStatusCode.OK)).AsArray().Select(e => e!).ToArray();

    private Task<HttpResponseMessage> DownloadAsync(Guid backup) => _supervisor.GetAsync($"/api/backups/{backup}?reason=retention+test", Cancellation);

    private Task<long> PurgesInInboxAsync(bool pendingOnly) => ScheduledMessages.InInboxAsync(_own.Database, nameof(PurgeResolvedBackups), pendingOnly);

    [Fact]
    public async Task The_images_of_a_resolved_ticket_leave_the_vault_after_the_retention_time_and_their_analysis_stays()
    {
        var (ticket, backup) = await ResolvedWithBackupAsync();

        await Eventually.UntilAsync("the image to be purged", async () => (await TimelineAsync(ticket)).Any(e => e["type"]!.GetValue<string>() == nameof(BackupPurged)));

        var purged = (await TimelineAsync(ticket)).Single(e => e["type"]!.GetValue<string>() == nameof(BackupPurged))["data"]!;
        purged["backupId"]!.GetValue<Guid>().ShouldBe(backup);
        purged["reason"]!.GetValue<string>().ShouldBe("retention: 00:00:08 after resolution");
        purged["purgedBy"]!.GetValue<string>().ShouldBe("system");
        (await ReadAsync(await DownloadAsync(backup), HttpStatusCode.Gone))["type"]!.GetValue<string>().ShouldBe(TicketRules.BackupPurged);
        await ReadAsync(await _supervisor.GetAsync($"/api/backups/{backup}/analysis", Cancellation), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_ticket_reopened_before_the_retention_time_keeps_its_images()
    {
        var (ticket, backup) = await ResolvedWithBackupAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/reopen", new { reason = "It blinks red again." }, _supervisor), HttpStatusCode.OK);

        // The purge was scheduled for the resolution, then its time came and Wolverine handled it.
        // It is in the inbox for the eight seconds at least, so polling sees it.
        await Eventually.UntilAsync("the purge to be scheduled", async () => await PurgesInInboxAsync(pendingOnly: false) > 0);
        await Eventually.UntilAsync("the scheduled purge to be handled", async () => await PurgesInInboxAsync(pendingOnly: true) == 0);

        (await TimelineAsync(ticket)).ShouldNotContain(e => e["type"]!.GetValue<string>() == nameof(BackupPurged));
        (await DownloadAsync(backup)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
