using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Jobs;
using Wolverine.Tracking;

namespace PhotonSupport.Api.Tests;

public class BenchAgentJobs(ApiFixture api) : ApiTest(api)
{
    private static readonly string[] Devices =
        ["3c002b000347343339373536", "1f0038000447343232363230", "2a0021000a47353235303037", "35002c000747363339343638", "410036000f51353532343635"];

    private HttpClient Agent => Api.ClientFor(Roles.Agent);

    private static object Bench(params string[] deviceIds) => new { devices = deviceIds.Select(d => new { deviceId = d, platform = "Photon" }) };

    private async Task<(Guid TicketId, Guid JobId)> TicketWithJobAsync(string deviceId = PhotonId, string kind = "Backup")
    {
        var ticket = await OpenAsync(PhotonReport(deviceId: deviceId));
        var queued = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind }), HttpStatusCode.Created);
        return (ticket, queued["jobId"]!.GetValue<Guid>());
    }

    private async Task<JsonNode> ClaimAsync(HttpClient agent, object bench, int waitSeconds = 0, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await PostAsync($"/api/agents/claims?waitSeconds={waitSeconds}", bench, agent);
        return expected == HttpStatusCode.NoContent
            ? new JsonObject { ["status"] = (int)response.StatusCode }
            : await ReadAsync(response, expected);
    }

    private static Guid JobOf(JsonNode claim) => claim["jobId"]!.GetValue<Guid>();

    private static Guid ClaimOf(JsonNode claim) => claim["claimId"]!.GetValue<Guid>();

    /// <summary>A whole-flash image as the simulated device holds it, or bytes of another <paramref name="size"/>.</summary>
    private Task<HttpResponseMessage> PutBackupAsync(HttpClient agent, JsonNode claim, int size = 1_048_576)
    {
        var image = size == 1_048_576 ? PhotonBackupImage() : new byte[size];
        return agent.PutAsync(AgentPaths.BackupOf(JobOf(claim), ClaimOf(claim)), new ByteArrayContent(image), Cancellation);
    }

    private async Task UploadBackupAsync(HttpClient agent, JsonNode claim) => await ReadAsync(await PutBackupAsync(agent, claim), HttpStatusCode.OK);

    private Task<HttpResponseMessage> CompleteAsync(HttpClient agent, JsonNode claim, string outcome = "succeeded", object? result = null) =>
        PostAsync(AgentPaths.CompleteOf(JobOf(claim), ClaimOf(claim)), new { outcome, details = "verified by read-back", result }, agent);

    private Task<HttpResponseMessage> HeartbeatAsync(HttpClient agent, JsonNode claim, object? beat = null) =>
        PostAsync(AgentPaths.HeartbeatOf(JobOf(claim), ClaimOf(claim)), beat ?? new { progressPercent = 50 }, agent);

    private async Task<HttpClient[]> AgentsAsync(int count) => (await KeysAsync(count)).Select(k => k.Client).ToArray();

    private async Task<(string KeyId, HttpClient Client)[]> KeysAsync(int count, Func<int, string>? name = null) =>
        await Task.WhenAll(Enumerable.Range(1, count).Select(async i =>
        {
            var (key, token) = await Api.Keys.CreateAsync(name?.Invoke(i) ?? $"bench-{i:00}", Roles.Agent);
            return (key.Id, Api.ClientWith(token));
        }));

    [Fact]
    public async Task Twenty_agents_claiming_five_jobs_at_once_get_each_job_exactly_once_and_only_for_their_devices()
    {
        var jobs = new List<Guid>();
        foreach (var device in Devices) jobs.Add((await TicketWithJobAsync(device)).JobId);
        var agents = await AgentsAsync(20);
        // Agent i has one device; agents 15-19 have only a device nobody reported.
        var benches = Enumerable.Range(0, 20).Select(i => i < 15 ? Devices[i % 5] : "0a0a0a0a0a0a0a0a0a0a0a0a").ToArray();

        var responses = await Task.WhenAll(agents.Select((agent, i) => PostAsync("/api/agents/claims?waitSeconds=0", Bench(benches[i]), agent)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(5);
        responses.Count(r => r.StatusCode == HttpStatusCode.NoContent).ShouldBe(15);
        var claims = new List<(Guid JobId, string DeviceId, string Bench)>();
        for (var i = 0; i < 20; i++)
        {
            if (responses[i].StatusCode != HttpStatusCode.OK) continue;
            var job = await ReadAsync(responses[i], HttpStatusCode.OK);
            claims.Add((job["jobId"]!.GetValue<Guid>(), job["deviceId"]!.GetValue<string>(), benches[i]));
        }
        claims.Select(c => c.JobId).Order().ShouldBe(jobs.Order());
        claims.ShouldAllBe(c => c.DeviceId == c.Bench);
        await using var session = Api.Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Events.QueryRawEventDataOnly<RecoveryJobClaimed>(), Cancellation)).ShouldBe(5);
    }

    [Fact]
    public async Task A_job_queued_while_an_agent_waits_is_handed_to_it_before_the_wait_ends()
    {
        var ticket = await OpenAsync();
        var waiting = PostAsync("/api/agents/claims?waitSeconds=30", Bench(PhotonId), Agent);

        var queued = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }), HttpStatusCode.Created);

        var claimed = await ReadAsync(await waiting, HttpStatusCode.OK);
        claimed["jobId"]!.GetValue<Guid>().ShouldBe(queued["jobId"]!.GetValue<Guid>());
        claimed["kind"]!.GetValue<string>().ShouldBe("Backup");
        claimed["ticketId"]!.GetValue<Guid>().ShouldBe(ticket);
    }

    [Fact]
    public async Task With_nothing_for_its_devices_an_agent_gets_204()
    {
        await TicketWithJobAsync(Devices[1]);

        (await ClaimAsync(Agent, Bench(Devices[2]), expected: HttpStatusCode.NoContent))["status"]!.GetValue<int>().ShouldBe(204);
    }

    [Theory]
    [InlineData("{\"devices\":[]}", "devices")]
    [InlineData("{\"devices\":[{\"deviceId\":\"123\",\"platform\":\"Photon\"}]}", "devices[0].deviceId")]
    [InlineData("{\"devices\":[{\"deviceId\":\"3c002b000347343339373536\",\"platform\":\"Argon\"}]}", "devices[0].platform")]
    public async Task A_bad_claim_is_a_400_naming_the_field(string body, string field)
    {
        var response = await Agent.PostAsync("/api/agents/claims", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        (await ReadAsync(response, HttpStatusCode.BadRequest))["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_claim_whose_heartbeats_stop_goes_back_to_the_queue_then_fails_after_the_last_attempt()
    {
        var (ticket, job) = await TicketWithJobAsync();
        var keys = await KeysAsync(2);
        var (first, second) = (keys[0].Client, keys[1].Client);

        (await ClaimAsync(first, Bench(PhotonId)))["jobId"]!.GetValue<Guid>().ShouldBe(job);
        await LeaseRunsOutAsync(ticket, job);
        (await ClaimAsync(second, Bench(PhotonId)))["jobId"]!.GetValue<Guid>().ShouldBe(job);
        await LeaseRunsOutAsync(ticket, job);

        var expiries = (await GetAsync($"/api/tickets/{ticket}/events")).AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == nameof(RecoveryJobLeaseExpired)).Select(e => e!["data"]!).ToArray();
        expiries.Select(e => e["requeued"]!.GetValue<bool>()).ShouldBe([true, false]);
        expiries.Select(e => e["agentId"]!.GetValue<string>()).ShouldBe([keys[0].KeyId, keys[1].KeyId]);
        var state = (await GetAsync($"/api/tickets/{ticket}"))["jobs"]![0]!;
        state["state"]!.GetValue<string>().ShouldBe("Failed");
        (await ClaimAsync(first, Bench(PhotonId), expected: HttpStatusCode.NoContent))["status"]!.GetValue<int>().ShouldBe(204);
    }

    [Fact]
    public async Task Heartbeats_keep_a_lease_and_tell_the_agent_when_support_cancelled()
    {
        var (ticket, job) = await TicketWithJobAsync();
        var claimed = await ClaimAsync(Agent, Bench(PhotonId));

        var beat = await ReadAsync(await HeartbeatAsync(Agent, claimed, new { progressPercent = 40, message = "reading 0x08060000" }), HttpStatusCode.OK);
        beat["cancelled"]!.GetValue<bool>().ShouldBeFalse();
        beat["leaseExpiresAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(claimed["leaseExpiresAt"]!.GetValue<DateTimeOffset>());

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs/{job}/cancel", new { reason = "owner picked the device up" }), HttpStatusCode.OK);

        (await ReadAsync(await HeartbeatAsync(Agent, claimed), HttpStatusCode.OK))["cancelled"]!
            .GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task An_agent_acts_only_on_jobs_it_holds_and_completing_twice_records_once()
    {
        var (ticket, job) = await TicketWithJobAsync(kind: "Backup");
        var (holder, other) = (await AgentsAsync(2)) switch { var a => (a[0], a[1]) };
        var claim = await ClaimAsync(holder, Bench(PhotonId));
        await UploadBackupAsync(holder, claim);

        // Even with the holder's claim id in hand, another key is not the holder.
        (await ReadAsync(await CompleteAsync(other, claim), HttpStatusCode.Forbidden))["type"]!.GetValue<string>().ShouldBe(TicketRules.JobNotHeld);
        await ReadAsync(await HeartbeatAsync(other, claim, new { }), HttpStatusCode.Forbidden);
        await ReadAsync(await CompleteAsync(holder, claim), HttpStatusCode.OK);
        await ReadAsync(await CompleteAsync(holder, claim), HttpStatusCode.OK);

        (await TimelineTypesAsync(ticket)).Count(t => t == nameof(RecoveryJobSucceeded)).ShouldBe(1);
        JobOf(claim).ShouldBe(job);
        (await ReadAsync(await CompleteAsync(holder, claim, "failed"), HttpStatusCode.Conflict))["type"]!.GetValue<string>().ShouldBe(TicketRules.JobAlreadyFinished);
    }

    [Fact]
    public async Task Completing_a_cancelled_job_is_a_409()
    {
        var (ticket, job) = await TicketWithJobAsync();
        var claim = await ClaimAsync(Agent, Bench(PhotonId));
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs/{job}/cancel", new { reason = "wrong device" }), HttpStatusCode.OK);

        (await ReadAsync(await CompleteAsync(Agent, claim), HttpStatusCode.Conflict))["type"]!.GetValue<string>().ShouldBe(TicketRules.JobCancelled);
    }

    [Fact]
    public async Task A_backup_of_the_wrong_size_is_refused_and_nothing_is_filed()
    {
        var (ticket, _) = await TicketWithJobAsync();
        var claim = await ClaimAsync(Agent, Bench(PhotonId));

        var tooSmall = await PutBackupAsync(Agent, claim, 4096);
        var tooLarge = await PutBackupAsync(Agent, claim, 1_048_577);

        (await ReadAsync(tooSmall, HttpStatusCode.BadRequest))["errors"]!["body"].ShouldNotBeNull();
        (await ReadAsync(tooLarge, HttpStatusCode.BadRequest))["errors"]!["body"].ShouldNotBeNull();
        (await GetAsync($"/api/tickets/{ticket}"))["backups"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_see_which_agent_has_which_devices_and_job()
    {
        var (_, job) = await TicketWithJobAsync();
        await ClaimAsync(Agent, Bench(PhotonId, Devices[1]));

        var agent = (await GetAsync("/api/agents")).AsArray().Single()!;

        agent["name"]!.GetValue<string>().ShouldBe($"test-{Roles.Agent}");
        agent["currentJobId"]!.GetValue<Guid>().ShouldBe(job);
        agent["attachedDevices"]!.AsArray().Select(d => d!["deviceId"]!.GetValue<string>()).ShouldBe([PhotonId, Devices[1]]);
    }

    [Fact]
    public async Task A_finished_job_is_published_for_the_owner_after_its_events_commit()
    {
        var (_, job) = await TicketWithJobAsync(kind: "Backup");
        var claim = await ClaimAsync(Agent, Bench(PhotonId));

        var tracked = await Api.Host.TrackActivity().DoNotAssertOnExceptionsDetected().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => await ReadAsync(await CompleteAsync(Agent, claim, "failed"), HttpStatusCode.OK)));

        var published = tracked.Sent.SingleMessage<RecoveryJobOutcomeForOwner>();
        tracked.Sent.Envelopes().Single(e => e.Message is RecoveryJobOutcomeForOwner).Destination!.ToString()
            .ShouldBe($"local://{PhotonSupport.Workers.Hosting.PhotonSupportWiring.OwnerNotificationsQueue}/");
        published.JobId.ShouldBe(job);
        published.OwnerEmail.ShouldBe("owner@example.com");
        published.Outcome.ShouldBe(JobOutcome.Failed);
    }

    [Fact]
    public async Task A_Photon_missing_its_server_key_goes_from_report_to_resolved_through_the_bench()
    {
        await GivenInLibraryAsync("/api/firmware/photon/tinker", Tinker());
        var ticket = await OpenAsync(PhotonReport("cyan-flash-red-3"));
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }), HttpStatusCode.Created);

        var backup = await ClaimAsync(Agent, Bench(PhotonId));
        backup["kind"]!.GetValue<string>().ShouldBe("Backup");
        await UploadBackupAsync(Agent, backup);
        await ReadAsync(await CompleteAsync(Agent, backup), HttpStatusCode.OK);

        var serverKey = await ClaimAsync(Agent, Bench(PhotonId));
        serverKey["kind"]!.GetValue<string>().ShouldBe("RestoreServerKey");
        await ReadAsync(await CompleteAsync(Agent, serverKey), HttpStatusCode.OK);

        var tinker = await ClaimAsync(Agent, Bench(PhotonId));
        tinker["kind"]!.GetValue<string>().ShouldBe("FlashTinker");
        await ReadAsync(await CompleteAsync(Agent, tinker), HttpStatusCode.OK);

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/resolve", new { resolution = "server key restored, tinker flashed; breathing cyan" }), HttpStatusCode.OK);

        (await TimelineTypesAsync(ticket)).ShouldBe(
        [
            nameof(DeviceReported), nameof(DiagnosisRecorded),
            nameof(RecoveryJobQueued), nameof(RecoveryJobClaimed), nameof(BackupReceived), nameof(BackupAnalyzed), nameof(RecoveryJobSucceeded),
            nameof(RecoveryJobQueued), nameof(RecoveryJobClaimed), nameof(RecoveryJobSucceeded), nameof(ServerKeyRestored),
            nameof(RecoveryJobQueued), nameof(RecoveryJobClaimed), nameof(RecoveryJobSucceeded), nameof(TinkerFlashed),
            nameof(TicketResolved),
        ]);
        var filed = (await GetAsync($"/api/tickets/{ticket}"))["backups"]!.AsArray().ShouldHaveSingleItem()!;
        filed["source"]!.GetValue<string>().ShouldBe("Bench");
        filed["size"]!.GetValue<long>().ShouldBe(1_048_576);
    }

    [Fact]
    public async Task After_a_lease_ran_out_and_another_agent_claimed_the_job_the_old_holders_heartbeat_is_told_to_stop_and_moves_nothing()
    {
        var (ticket, job) = await TicketWithJobAsync();
        var (first, second) = (await AgentsAsync(2)) switch { var a => (a[0], a[1]) };
        var old = await ClaimAsync(first, Bench(PhotonId));
        await LeaseRunsOutAsync(ticket, job);

        // Before anyone claims it again, the old claim is over too.
        (await ReadAsync(await HeartbeatAsync(first, old), HttpStatusCode.Conflict))["type"]!.GetValue<string>().ShouldBe(TicketRules.ClaimLost);
        var current = await ClaimAsync(second, Bench(PhotonId));
        var leaseBefore = await LeaseEndAsync(job);
        var refused = await ReadAsync(await HeartbeatAsync(first, old), HttpStatusCode.Conflict);

        refused["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:claim-lost");
        (await LeaseEndAsync(job)).ShouldBe(leaseBefore);
        ClaimOf(current).ShouldNotBe(ClaimOf(old));
        (await ReadAsync(await HeartbeatAsync(second, current), HttpStatusCode.OK))["cancelled"]!.GetValue<bool>().ShouldBeFalse();
        (await LeaseEndAsync(job)).ShouldBeGreaterThan(leaseBefore);
    }

    [Fact]
    public async Task A_late_upload_or_report_from_an_expired_claim_is_refused_and_the_new_claim_finishes_the_job()
    {
        var (ticket, job) = await TicketWithJobAsync(kind: "Backup");
        var (first, second) = (await AgentsAsync(2)) switch { var a => (a[0], a[1]) };
        var old = await ClaimAsync(first, Bench(PhotonId));
        await LeaseRunsOutAsync(ticket, job);
        var current = await ClaimAsync(second, Bench(PhotonId));

        (await ReadAsync(await PutBackupAsync(first, old), HttpStatusCode.Conflict))["type"]!.GetValue<string>().ShouldBe(TicketRules.ClaimLost);
        (await ReadAsync(await CompleteAsync(first, old), HttpStatusCode.Conflict))["type"]!.GetValue<string>().ShouldBe(TicketRules.ClaimLost);
        (await GetAsync($"/api/tickets/{ticket}"))["backups"]!.AsArray().ShouldBeEmpty();
        (await TimelineTypesAsync(ticket)).ShouldNotContain(nameof(RecoveryJobSucceeded));

        await UploadBackupAsync(second, current);
        await ReadAsync(await CompleteAsync(second, current), HttpStatusCode.OK);
        (await TimelineTypesAsync(ticket)).Count(t => t == nameof(RecoveryJobSucceeded)).ShouldBe(1);
    }

    [Fact]
    public async Task Two_agent_keys_with_one_name_are_two_agents_that_cannot_act_on_each_others_jobs()
    {
        var (ticket, job) = await TicketWithJobAsync(kind: "Backup");
        var keys = await KeysAsync(2, _ => "bench-twin");
        var (holder, twin) = (keys[0].Client, keys[1].Client);
        var claim = await ClaimAsync(holder, Bench(PhotonId));
        await ClaimAsync(twin, Bench(Devices[1]), expected: HttpStatusCode.NoContent);

        (await ReadAsync(await HeartbeatAsync(twin, claim), HttpStatusCode.Forbidden))["type"]!.GetValue<string>().ShouldBe(TicketRules.JobNotHeld);
        (await ReadAsync(await PutBackupAsync(twin, claim), HttpStatusCode.Forbidden))["type"]!.GetValue<string>().ShouldBe(TicketRules.JobNotHeld);
        (await ReadAsync(await CompleteAsync(twin, claim), HttpStatusCode.Forbidden))["type"]!.GetValue<string>().ShouldBe(TicketRules.JobNotHeld);
        await ReadAsync(await HeartbeatAsync(holder, claim), HttpStatusCode.OK);

        var agents = (await GetAsync("/api/agents")).AsArray().Where(a => a!["name"]!.GetValue<string>() == "bench-twin").ToArray();
        agents.Select(a => a!["id"]!.GetValue<string>()).Order().ShouldBe(keys.Select(k => k.KeyId).Order());
        agents.Single(a => a!["id"]!.GetValue<string>() == keys[0].KeyId)!["currentJobId"]!.GetValue<Guid>().ShouldBe(job);
        var claimed = (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Single(e => e!["type"]!.GetValue<string>() == nameof(RecoveryJobClaimed))!["data"]!;
        claimed["agentId"]!.GetValue<string>().ShouldBe(keys[0].KeyId);
        claimed["agentName"]!.GetValue<string>().ShouldBe("bench-twin");
    }

    private async Task<DateTimeOffset> LeaseEndAsync(Guid job)
    {
        await using var session = Api.Store.QuerySession();
        return (await session.LoadAsync<JobLease>(job, Cancellation))!.ExpiresAt;
    }

    [Theory]
    [InlineData("succeeded", HttpStatusCode.OK)]
    [InlineData("abandoned", HttpStatusCode.BadRequest)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    public async Task A_report_names_its_outcome_as_succeeded_or_failed_and_nothing_else(string outcome, HttpStatusCode expected)
    {
        var (ticket, _) = await TicketWithJobAsync(kind: "Backup");
        var claim = await ClaimAsync(Agent, Bench(PhotonId));
        await UploadBackupAsync(Agent, claim);

        var answer = await ReadAsync(await CompleteAsync(Agent, claim, outcome), expected);

        if (expected == HttpStatusCode.BadRequest) answer["errors"]!["outcome"].ShouldNotBeNull();
        (await TimelineTypesAsync(ticket)).Contains(nameof(RecoveryJobSucceeded)).ShouldBe(expected == HttpStatusCode.OK);
    }
}
