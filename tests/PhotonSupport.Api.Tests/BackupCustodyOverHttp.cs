using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>Images staff upload, list, read the analysis of, and (supervisors, on the record) take a copy of.</summary>
public class BackupCustodyOverHttp(ApiFixture api) : ApiTest(api)
{
    private async Task<HttpResponseMessage> DownloadAsync(Guid backupId, HttpClient caller, string? reason = "owner asked for a copy") =>
        await caller.GetAsync(reason is null ? $"/api/backups/{backupId}" : $"/api/backups/{backupId}?reason={Uri.EscapeDataString(reason)}", Cancellation);

    [Fact]
    public async Task Support_uploads_an_image_and_gets_its_record_with_the_analysis()
    {
        var ticket = await OpenAsync();
        var image = PhotonBackupImage();

        var response = await PutBackupAsync(ticket, image, Api.ClientFor(Roles.Support));

        var record = await ReadAsync(response, HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/backups/{record["id"]}");
        record["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(image)));
        record["size"]!.GetValue<long>().ShouldBe(1_048_576);
        record["source"]!.GetValue<string>().ShouldBe("Staff");
        // The simulated healthy Photon holds an RSA device key and the Particle cloud's published server key.
        record["findings"]!["deviceKey"]!["condition"]!.GetValue<string>().ShouldBe("Valid");
        record["findings"]!["serverKey"]!["particleCloud"]!.GetValue<bool>().ShouldBeTrue();
        (await TimelineTypesAsync(ticket))[^2..].ShouldBe([nameof(BackupReceived), nameof(BackupAnalyzed)]);
    }

    [Fact]
    public async Task The_same_image_uploaded_twice_is_kept_once()
    {
        var ticket = await OpenAsync();
        var first = await ReadAsync(await PutBackupAsync(ticket, PhotonBackupImage()), HttpStatusCode.Created);

        var again = await ReadAsync(await PutBackupAsync(ticket, PhotonBackupImage()), HttpStatusCode.OK);

        again["id"]!.GetValue<Guid>().ShouldBe(first["id"]!.GetValue<Guid>());
        (await TimelineTypesAsync(ticket)).Count(t => t == nameof(BackupReceived)).ShouldBe(1);
    }

    [Fact]
    public async Task An_image_of_the_wrong_size_is_refused_naming_the_size_and_nothing_is_kept()
    {
        var ticket = await OpenAsync();
        var before = await Api.EventCountAsync();

        var problem = await ReadAsync(await PutBackupAsync(ticket, new byte[1_048_575]), HttpStatusCode.BadRequest);

        problem["errors"]!["body"]![0]!.GetValue<string>().ShouldContain("1,048,576 bytes");
        (await Api.EventCountAsync()).ShouldBe(before);
        (await GetAsync($"/api/tickets/{ticket}/backups")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_erased_image_is_kept_but_a_destructive_job_still_waits_for_a_backup()
    {
        var ticket = await OpenAsync();

        var record = await ReadAsync(await PutBackupAsync(ticket, Enumerable.Repeat((byte)0xFF, 1_048_576).ToArray()), HttpStatusCode.Created);

        record["findings"]!["deviceKey"]!["condition"]!.GetValue<string>().ShouldBe("Missing");
        var refused = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "RestoreServerKey" }), HttpStatusCode.Conflict);
        refused["type"]!.GetValue<string>().ShouldBe(TicketRules.BackupRequired);
    }

    [Fact]
    public async Task An_image_whose_server_key_is_erased_diagnoses_the_ticket_from_forensics()
    {
        var ticket = await OpenAsync(PhotonReport(ledPattern: "other"));

        await ReadAsync(await PutBackupAsync(ticket, PhotonBackupImage("missing-server-key")), HttpStatusCode.Created);

        var diagnosis = (await GetAsync($"/api/tickets/{ticket}"))["diagnosis"]!;
        diagnosis["basis"]!.GetValue<string>().ShouldStartWith("forensics:");
        Strings(diagnosis["plan"]).ShouldContain("RestoreServerKey");
    }

    [Fact]
    public async Task The_analysis_says_what_was_found_and_carries_no_key_material()
    {
        var ticket = await OpenAsync();
        var id = await GivenBackupOnFileAsync(ticket);

        var analysis = await GetAsync($"/api/backups/{id}/analysis");

        analysis["keyArea"]!.GetValue<string>().ShouldStartWith("DCT copy");
        analysis["deviceKey"]!["algorithm"]!.GetValue<string>().ShouldBe("rsa-1024");
        // Fingerprints are 64 hex digits and notes are sentences; a key in base64 or hex is one word of hundreds of characters.
        Leaves(analysis).ShouldAllBe(s => s.Length <= 64 || s.Contains(' '));
    }

    [Fact]
    public async Task A_tickets_backups_are_listed_with_their_analysis()
    {
        var ticket = await OpenAsync();
        await GivenBackupOnFileAsync(ticket);
        await ReadAsync(await PutBackupAsync(ticket, Enumerable.Repeat((byte)0xFF, 1_048_576).ToArray()), HttpStatusCode.Created);

        var list = (await GetAsync($"/api/tickets/{ticket}/backups")).AsArray();

        list.Select(b => b!["findings"]!["deviceKey"]!["condition"]!.GetValue<string>()).ShouldBe(["Valid", "Missing"]);
    }

    [Fact]
    public async Task Support_may_not_download_an_image()
    {
        var id = await GivenBackupOnFileAsync(await OpenAsync());

        (await DownloadAsync(id, Api.ClientFor(Roles.Support))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_supervisor_downloads_an_image_and_the_download_is_on_the_timeline()
    {
        var ticket = await OpenAsync();
        var image = PhotonBackupImage();
        var id = (await ReadAsync(await PutBackupAsync(ticket, image), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var response = await DownloadAsync(id, Api.ClientFor(Roles.Supervisor), "owner asked for a copy");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync(Cancellation)).ShouldBe(image);
        var downloaded = (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Last(e => e!["type"]!.GetValue<string>() == nameof(BackupDownloaded))!;
        downloaded["actor"]!.GetValue<string>().ShouldBe($"test-{Roles.Supervisor}");
        downloaded["data"]!["reason"]!.GetValue<string>().ShouldBe("owner asked for a copy");
    }

    [Fact]
    public async Task A_download_without_a_reason_is_refused_and_not_recorded()
    {
        var ticket = await OpenAsync();
        var id = await GivenBackupOnFileAsync(ticket);

        var problem = await ReadAsync(await DownloadAsync(id, Api.Http, reason: null), HttpStatusCode.BadRequest);

        problem["errors"]!["reason"].ShouldNotBeNull();
        (await TimelineTypesAsync(ticket)).ShouldNotContain(nameof(BackupDownloaded));
    }

    [Fact]
    public async Task A_restore_job_names_the_image_it_writes_back()
    {
        var ticket = await OpenAsync();
        var keyed = await GivenBackupOnFileAsync(ticket);
        var erased = (await ReadAsync(await PutBackupAsync(ticket, Enumerable.Repeat((byte)0xFF, 1_048_576).ToArray()), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var refused = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "RestoreBackup", backupId = erased }), HttpStatusCode.Conflict);
        refused["type"]!.GetValue<string>().ShouldBe(TicketRules.BackupNotRestorable);

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "RestoreBackup" }), HttpStatusCode.Created);
        var queued = (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Last(e => e!["type"]!.GetValue<string>() == nameof(RecoveryJobQueued))!;
        queued["data"]!["backupId"]!.GetValue<Guid>().ShouldBe(keyed);
    }

    [Fact]
    public async Task An_image_uploaded_through_one_Api_is_served_by_another_on_the_same_database()
    {
        await using var other = await Api.StartAnotherAsync(Api.ConnectionString);
        using var otherSupervisor = new HttpClient { BaseAddress = new Uri(other.Urls.Single()) };
        otherSupervisor.DefaultRequestHeaders.Authorization = Api.Http.DefaultRequestHeaders.Authorization;
        var ticket = await OpenAsync();
        var image = PhotonBackupImage();
        var id = (await ReadAsync(await PutBackupAsync(ticket, image), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var response = await DownloadAsync(id, otherSupervisor);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync(Cancellation)).ShouldBe(image);
    }

    private static IEnumerable<string> Leaves(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value)),
        JsonArray a => a.SelectMany(Leaves),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
