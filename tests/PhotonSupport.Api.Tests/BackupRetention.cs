using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// A resolved ticket's images leave the vault a set time after the resolution; a reopen meanwhile keeps them. The Api
/// here is a second one, on a database of its own, whose retention time is two seconds.
/// </summary>
public sealed class BackupRetention(ApiFixture api) : ApiTest(api)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // Its own pickup folder: its tickets' references start again at PS-1 and must not mix with the shared Api's mail.
    private readonly DirectoryInfo _mailPickup = Directory.CreateTempSubdirectory("photonsupport-retention-mail-");
    private string _database = null!;
    private WebApplication _app = null!;
    private HttpClient _supervisor = null!;

    /// <summary>Nothing of the shared Api is used, so it is not reset.</summary>
    public override async ValueTask InitializeAsync()
    {
        _database = await Api.CreateDatabaseAsync("photonsupport_retention_tests");
        _app = await Api.StartAnotherAsync(_database, "--PhotonSupport:Retention:BackupsAfterResolved=00:00:02",
            $"--PhotonSupport:Mail:PickupFolder={_mailPickup.FullName}");
        var (_, token) = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("retention-supervisor", Roles.Supervisor, Cancellation);
        _supervisor = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        _supervisor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public override async ValueTask DisposeAsync()
    {
        _supervisor.Dispose();
        await _app.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }

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

    /// <summary>Polls until <paramref name="holds"/> is true, at most <see cref="Patience"/>; says what it waited for when it gives up.</summary>
    private static async Task UntilAsync(string what, Func<Task<bool>> holds)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await holds())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(Interval, Cancellation);
        }
    }

    /// <summary>
    /// The purges in Wolverine's inbox: <paramref name="pendingOnly"/>, those waiting for their time or due and not yet
    /// handled; otherwise any, a handled one kept for a while included.
    /// </summary>
    private async Task<long> PurgesInInboxAsync(bool pendingOnly)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Cancellation);
        var pending = pendingOnly ? "and status in ('Scheduled', 'Incoming')" : "";
        await using var command = new NpgsqlCommand(
            $"select count(*) from wolverine.wolverine_incoming_envelopes where message_type like '%{nameof(PurgeResolvedBackups)}' {pending}", connection);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    [Fact]
    public async Task The_images_of_a_resolved_ticket_leave_the_vault_after_the_retention_time_and_their_analysis_stays()
    {
        var (ticket, backup) = await ResolvedWithBackupAsync();

        await UntilAsync("the image to be purged", async () => (await TimelineAsync(ticket)).Any(e => e["type"]!.GetValue<string>() == nameof(BackupPurged)));

        var purged = (await TimelineAsync(ticket)).Single(e => e["type"]!.GetValue<string>() == nameof(BackupPurged))["data"]!;
        purged["backupId"]!.GetValue<Guid>().ShouldBe(backup);
        purged["reason"]!.GetValue<string>().ShouldBe("retention: 00:00:02 after resolution");
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
        // It is in the inbox for the two seconds at least, so polling sees it.
        await UntilAsync("the purge to be scheduled", async () => await PurgesInInboxAsync(pendingOnly: false) > 0);
        await UntilAsync("the scheduled purge to be handled", async () => await PurgesInInboxAsync(pendingOnly: true) == 0);

        (await TimelineAsync(ticket)).ShouldNotContain(e => e["type"]!.GetValue<string>() == nameof(BackupPurged));
        (await DownloadAsync(backup)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
