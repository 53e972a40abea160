using System.Net;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>A ticket as staff read it: its own shape, found by id or by PS-n, now or as it stood.</summary>
public class ReadingTickets(ApiFixture api) : ApiTest(api)
{
    [Fact]
    public async Task A_running_job_shows_the_progress_and_message_of_the_benchs_latest_heartbeat()
    {
        var (ticket, _) = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }), HttpStatusCode.Created);
        var agent = Api.ClientFor(Roles.Agent);
        var claim = await ReadAsync(await PostAsync("/api/agents/claims?waitSeconds=0", new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } }, agent),
            HttpStatusCode.OK);
        var heartbeat = AgentPaths.HeartbeatOf(claim["jobId"]!.GetValue<Guid>(), claim["claimId"]!.GetValue<Guid>());
        await ReadAsync(await PostAsync(heartbeat, new { progressPercent = 20, message = "reading internal flash" }, agent), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(heartbeat, new { progressPercent = 40, message = "reading DCT" }, agent), HttpStatusCode.OK);

        var job = (await GetAsync($"/api/tickets/{ticket}"))["jobs"]![0]!;

        job["state"]!.GetValue<string>().ShouldBe("Claimed");
        job["progressPercent"]!.GetValue<int>().ShouldBe(40);
        job["progressMessage"]!.GetValue<string>().ShouldBe("reading DCT");
        job["lastMessage"]!.GetValue<string>().ShouldBe("reading DCT");
        // The claim's lock token is the agent's to present, not something the desk reads.
        job.AsObject().ContainsKey("claimId").ShouldBeFalse();
    }

    [Fact]
    public async Task A_queued_job_has_no_progress_yet()
    {
        var (ticket, _) = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }), HttpStatusCode.Created);

        var job = (await GetAsync($"/api/tickets/{ticket}"))["jobs"]![0]!;

        job["state"]!.GetValue<string>().ShouldBe("Queued");
        job["progressPercent"].ShouldBeNull();
        job["lastMessage"].ShouldBeNull();
    }

    [Fact]
    public async Task The_details_name_the_backups_with_what_their_analysis_found()
    {
        var (ticket, _) = await OpenWithReferenceAsync();
        await GivenBackupOnFileAsync(ticket);

        var backup = (await GetAsync($"/api/tickets/{ticket}"))["backups"]![0]!;

        backup["size"]!.GetValue<long>().ShouldBe(1_048_576);
        backup["source"]!.GetValue<string>().ShouldBe("Staff");
        backup["holdsDeviceKey"]!.GetValue<bool>().ShouldBeTrue();
        backup["purged"]!.GetValue<bool>().ShouldBeFalse();
        backup["sha256"]!.GetValue<string>().Length.ShouldBe(64);
    }

    [Fact]
    public async Task A_ticket_is_found_by_its_reference_wherever_it_is_looked_up()
    {
        var (id, reference) = await OpenWithReferenceAsync();
        await GivenBackupOnFileAsync(id);

        (await GetAsync($"/api/tickets/{reference}"))["id"]!.GetValue<Guid>().ShouldBe(id);
        (await GetAsync($"/api/tickets/{reference.ToLowerInvariant()}?version=1"))["version"]!.GetValue<long>().ShouldBe(1);
        (await GetAsync($"/api/tickets/{reference}/events")).AsArray().Count.ShouldBeGreaterThan(2);
        (await GetAsync($"/api/tickets/{reference}/backups")).AsArray().Count.ShouldBe(1);
        await ReadAsync(await PostAsync($"/api/tickets/{reference}/notes", new { text = "by reference" }), HttpStatusCode.OK);
        (await TimelineTypesAsync(id)).ShouldContain("NoteAdded");
    }

    [Fact]
    public async Task A_reference_no_ticket_has_is_a_404_naming_it()
    {
        await OpenWithReferenceAsync();

        var problem = await GetAsync("/api/tickets/PS-987654321/events", HttpStatusCode.NotFound);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:not-found");
        problem["detail"]!.GetValue<string>().ShouldContain("PS-987654321");
    }

    [Fact]
    public async Task A_reference_looked_up_without_a_key_is_a_401_and_says_nothing_of_the_ticket()
    {
        var (_, reference) = await OpenWithReferenceAsync();

        var response = await Api.Anonymous.GetAsync($"/api/tickets/{reference}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_version_past_the_last_says_how_many_versions_the_ticket_has()
    {
        var (id, reference) = await OpenWithReferenceAsync();

        var problem = await GetAsync($"/api/tickets/{id}?version=3", HttpStatusCode.NotFound);
        var last = await GetAsync($"/api/tickets/{id}?version=2");

        // Reported and diagnosed: two versions.
        problem["detail"]!.GetValue<string>().ShouldStartWith($"Ticket {reference} has 2 versions");
        last["version"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task A_ticket_as_it_stood_has_the_same_shape_as_now()
    {
        var (id, _) = await OpenWithReferenceAsync();

        var now = (JsonObject)await GetAsync($"/api/tickets/{id}");
        var then = (JsonObject)await GetAsync($"/api/tickets/{id}?version=1");

        then.Select(p => p.Key).ShouldBe(now.Select(p => p.Key));
    }
}
