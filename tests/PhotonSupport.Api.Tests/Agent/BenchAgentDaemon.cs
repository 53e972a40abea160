using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text;
using System.Threading.Channels;
using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests.Agent;

/// <summary>
/// The agent daemon in this process against the real Api (Kestrel, PostgreSQL), with simulated devices.
/// Intervals are tiny and every wait is for an event (a job done, a request seen), each with a ceiling.
/// </summary>
public class BenchAgentDaemon(ApiFixture api) : ApiTest(api)
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private readonly WatchedLog _log = new();
    private readonly Channel<ClaimedJob> _done = Channel.CreateUnbounded<ClaimedJob>();
    private readonly CancellationTokenSource _stop = new();
    private string _token = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (_, _token) = await Api.Keys.CreateAsync("bench-daemon", Roles.Agent, Cancellation);
    }

    private static SimulatedDeviceSource Photon(string scenario = "healthy")
    {
        var source = new SimulatedDeviceSource(new VirtualClock());
        source.Add($"photon:{PhotonId}:{scenario}");
        return source;
    }

    private static AgentOptions Options(Uri api, string token) => new()
    {
        Api = api, Token = token, LongPoll = TimeSpan.FromSeconds(10), HeartbeatInterval = TimeSpan.FromMilliseconds(20),
        MinBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(100), NoDevicePause = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Starts the daemon; each job it finishes (reported or refused) comes out of <see cref="_done"/>.</summary>
    private Task<DaemonEnd> Start(IReadOnlyList<IDfuDeviceSource> sources, InterceptedApi? http = null, Action<AgentOptions>? tune = null)
    {
        var options = Options(Api.Anonymous.BaseAddress!, _token);
        tune?.Invoke(options);
        var client = new AgentApiClient(options.Api, options.Token, options.LongPoll, http ?? InterceptedApi.PassingAll());
        var daemon = new AgentDaemon(options, sources, new VirtualClock(), client, new AgentLog(_log, TimeProvider.System), TimeProvider.System,
            job => _done.Writer.TryWrite(job));
        return Task.Run(async () =>
        {
            using (client) return await daemon.RunAsync(_stop.Token);
        });
    }

    private Task<ClaimedJob> JobDoneAsync() => _done.Reader.ReadAsync(Cancellation).AsTask().WaitAsync(Ceiling, Cancellation);

    private async Task<DaemonEnd> StopAsync(Task<DaemonEnd> daemon)
    {
        await _stop.CancelAsync();
        return await daemon.WaitAsync(Ceiling, Cancellation);
    }

    private string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>A ticket whose LED pattern gives no recovery plan, so no job follows the one queued here.</summary>
    private async Task<Guid> TicketWithJobAsync(string kind = "Backup")
    {
        var ticket = await OpenAsync(PhotonReport("other"));
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind, waiverReason = kind == "Backup" ? null : "bench test device" }),
            HttpStatusCode.Created);
        return ticket;
    }

    private async Task QueueAsync(Guid ticket, string kind = "Backup") =>
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind }), HttpStatusCode.Created);

    private async Task<string> ReasonFailedAsync(Guid ticket) =>
        (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Single(e => e!["type"]!.GetValue<string>() == nameof(RecoveryJobFailed))!
            ["data"]!["reason"]!.GetValue<string>();

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string type = "application/problem+json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, type) };

    [Theory]
    [InlineData("refused")]
    [InlineData("failed")]
    public async Task A_heartbeat_the_Api_refuses_or_never_gets_does_not_lose_the_jobs_report(string how)
    {
        var ticket = await TicketWithJobAsync();
        var beaten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var http = new InterceptedApi((request, forward, _) =>
        {
            if (!InterceptedApi.IsHeartbeat(request)) return forward();
            beaten.TrySetResult();
            return how == "refused"
                ? Task.FromResult(Answer(HttpStatusCode.BadRequest, """{"type":"urn:photonsupport:problem:validation","title":"no"}"""))
                : Task.FromException<HttpResponseMessage>(new HttpRequestException("connection reset by peer"));
        });
        // The device work starts only once a heartbeat went wrong, so the job surely ran through one.
        var bench = new BenchUnderTest(Photon()) { Opening = () => beaten.Task.Wait(Ceiling) };
        var daemon = Start([bench], http);

        await JobDoneAsync();

        (await TimelineTypesAsync(ticket)).ShouldContain(nameof(RecoveryJobSucceeded));
        (await TimelineTypesAsync(ticket)).ShouldContain(nameof(BackupReceived));
        Log.ShouldContain("heartbeat not delivered");
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task Heartbeats_that_fail_past_the_leases_end_and_its_grace_abandon_the_work_and_the_failure_is_still_reported()
    {
        var ticket = await TicketWithJobAsync();
        var http = new InterceptedApi((request, forward, _) => InterceptedApi.IsHeartbeat(request)
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("network unreachable"))
            : forward());
        var abandoned = _log.Line("abandoning the work");
        // The device work starts only once the heartbeat gave up, so the stop surely reaches it.
        var bench = new BenchUnderTest(Photon()) { Opening = () => abandoned.Wait(Ceiling) };
        // A grace that ends before the lease does: the first failed beat is already past it.
        var daemon = Start([bench], http, o => o.LeaseGrace = TimeSpan.FromHours(-1));

        await JobDoneAsync();

        (await ReasonFailedAsync(ticket)).ShouldStartWith("stopped: abandoned: no heartbeat reached the Api before the lease ended at ");
        (await TimelineTypesAsync(ticket)).ShouldNotContain(nameof(BackupReceived));
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task A_report_that_hangs_or_meets_a_5xx_is_sent_again_until_the_Api_accepts_it()
    {
        var ticket = await TicketWithJobAsync();
        var tries = 0;
        var http = new InterceptedApi(async (request, forward, cancellation) =>
        {
            if (!InterceptedApi.IsReport(request)) return await forward();
            switch (Interlocked.Increment(ref tries))
            {
                case 1:
                    await Task.Delay(Timeout.Infinite, cancellation); // hangs until the agent gives up on this try
                    throw new InvalidOperationException("unreachable");
                case 2:
                    return Answer(HttpStatusCode.ServiceUnavailable, "the Api is restarting", "text/plain");
                default:
                    return await forward();
            }
        });
        var daemon = Start([Photon()], http, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        await JobDoneAsync();

        tries.ShouldBe(3);
        (await TimelineTypesAsync(ticket)).Count(t => t == nameof(RecoveryJobSucceeded)).ShouldBe(1);
        Log.ShouldContain("the report not delivered (no answer within 0.3s)");
        Log.ShouldContain("the report not delivered (the Api answered 503");
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task Stopping_the_daemon_during_a_backup_still_uploads_the_image_already_read_and_reports_it()
    {
        var ticket = await TicketWithJobAsync();
        var bench = new BenchUnderTest(Photon()) { Opening = () => _stop.Cancel() };
        var daemon = Start([bench]);

        await JobDoneAsync();

        (await daemon.WaitAsync(Ceiling, Cancellation)).ShouldBe(DaemonEnd.Stopped);
        var types = await TimelineTypesAsync(ticket);
        types.ShouldContain(nameof(BackupReceived));
        types.ShouldContain(nameof(RecoveryJobSucceeded));
        (await GetAsync($"/api/tickets/{ticket}"))["backups"]!.AsArray().ShouldHaveSingleItem()!["size"]!.GetValue<long>().ShouldBe(1_048_576);
    }

    [Fact]
    public async Task A_bus_the_agent_may_not_read_is_logged_and_the_devices_on_other_buses_still_get_their_jobs()
    {
        var ticket = await TicketWithJobAsync();
        var daemon = Start([new UnreadableBus(), Photon()]);

        await JobDoneAsync();

        (await TimelineTypesAsync(ticket)).ShouldContain(nameof(RecoveryJobSucceeded));
        Log.ShouldContain("could not list the devices on UnreadableBus: LIBUSB_ERROR_ACCESS");
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task A_device_the_agent_may_not_open_fails_its_job_with_the_reason_and_the_next_job_runs()
    {
        var ticket = await TicketWithJobAsync();
        var bench = new BenchUnderTest(Photon());
        bench.FailNextOpen(new UsbTransferException(UsbFailure.AccessDenied, "LIBUSB_ERROR_ACCESS opening 1-1.4"));
        var daemon = Start([bench]);

        await JobDoneAsync();
        var failed = await ReasonFailedAsync(ticket);
        await QueueAsync(ticket);
        await JobDoneAsync();

        failed.ShouldBe("USB AccessDenied: LIBUSB_ERROR_ACCESS opening 1-1.4");
        (await TimelineTypesAsync(ticket)).ShouldContain(nameof(RecoveryJobSucceeded));
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task An_answer_from_the_Api_that_is_not_JSON_is_logged_and_the_daemon_claims_again()
    {
        var ticket = await TicketWithJobAsync();
        var claims = 0;
        var http = new InterceptedApi((request, forward, _) =>
            InterceptedApi.IsClaim(request) && Interlocked.Increment(ref claims) == 1
                ? Task.FromResult(Answer(HttpStatusCode.OK, "<html>proxy error</html>", "application/json"))
                : forward());
        var daemon = Start([Photon()], http);

        await JobDoneAsync();

        (await TimelineTypesAsync(ticket)).ShouldContain(nameof(RecoveryJobSucceeded));
        Log.ShouldContain("the Api's answer could not be read");
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task A_job_for_a_device_unplugged_since_the_claim_is_reported_failed_with_that_reason_and_the_daemon_goes_on()
    {
        var ticket = await TicketWithJobAsync();
        // Listed once, for the claim; gone when the agent looks again to start the work.
        var daemon = Start([new BenchUnderTest(Photon()) { ListedTimes = 1 }]);

        await JobDoneAsync();

        (await ReasonFailedAsync(ticket)).ShouldBe($"device {PhotonId} is no longer attached to this bench (unplugged, or out of DFU mode)");
        daemon.IsCompleted.ShouldBeFalse();
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Fact]
    public async Task A_revoked_key_ends_the_daemon_for_good_and_says_why()
    {
        await Api.Keys.RevokeAsync("bench-daemon", Cancellation);

        var code = await Start([Photon()]).WaitAsync(Ceiling, Cancellation);

        code.ShouldBe(DaemonEnd.KeyRevoked);
        Log.ShouldContain("the Api refused this agent's key (401)");
        Log.ShouldContain("Issue this bench a new agent key.");
    }

    [Fact]
    public async Task An_agent_whose_lease_ran_out_and_whose_job_was_claimed_again_is_told_to_stop_and_its_report_is_refused()
    {
        var ticket = await TicketWithJobAsync();
        var job = (await GetAsync($"/api/tickets/{ticket}"))["jobs"]![0]!["jobId"]!.GetValue<Guid>();
        var (_, otherToken) = await Api.Keys.CreateAsync("bench-other", Roles.Agent, Cancellation);
        using var other = Api.ClientWith(otherToken);
        var claimedHere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var toldToStop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leaseRanOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var http = new InterceptedApi(async (request, forward, _) =>
        {
            // Heartbeats are held while the lease runs out, as on a network that lost them; none races the test's arrangement.
            if (InterceptedApi.IsHeartbeat(request)) await leaseRanOut.Task;
            var response = await forward();
            if (InterceptedApi.IsHeartbeat(request) && response.StatusCode == HttpStatusCode.Conflict) toldToStop.TrySetResult();
            return response;
        });
        // The device work waits for the test: the lease runs out and another agent claims the job meanwhile.
        var bench = new BenchUnderTest(Photon())
        {
            Opening = () =>
            {
                claimedHere.TrySetResult();
                toldToStop.Task.Wait(Ceiling);
            },
        };
        var daemon = Start([bench], http);
        await claimedHere.Task.WaitAsync(Ceiling, Cancellation);
        await LeaseRunsOutAsync(ticket, job);
        var newer = await ReadAsync(await PostAsync("/api/agents/claims?waitSeconds=0",
            new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } }, other), HttpStatusCode.OK);
        leaseRanOut.SetResult();

        await JobDoneAsync();

        Log.ShouldContain("the Api says the job is no longer ours");
        Log.ShouldContain("the Api refused the report: the Api answered 409");
        Log.ShouldContain(TicketRules.ClaimLost);
        var types = await TimelineTypesAsync(ticket);
        types.ShouldNotContain(nameof(BackupReceived));
        types.ShouldNotContain(nameof(RecoveryJobSucceeded));
        types.ShouldNotContain(nameof(RecoveryJobFailed));
        (await ReadAsync(await PostAsync(AgentPaths.HeartbeatOf(job, newer["claimId"]!.GetValue<Guid>()), new { progressPercent = 1 }, other),
            HttpStatusCode.OK))["cancelled"]!.GetValue<bool>().ShouldBeFalse();
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Firmware_is_written_only_when_it_matches_the_SHA_256_the_job_pins(bool matches)
    {
        var userPart = FirmwareRegions.For(Platform.Photon).Single(r => r.Function == ModuleFunction.UserPart);
        var tinker = FirmwareRegions.SyntheticModule(Platform.Photon, userPart, 6000, version: 6, fill: 0x5a);
        using var admin = Api.ClientWith((await Api.Keys.CreateAsync("admin", Roles.Admin, Cancellation)).Token);
        (await admin.PutAsync("/api/firmware/photon/tinker", new ByteArrayContent(tinker), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pinned = matches ? Convert.ToHexStringLower(SHA256.HashData(tinker)) : new string('0', 64);
        var ticket = await TicketWithJobAsync("FlashTinker");
        // The Api pins firmware digests under "firmwareSha256"; until it does, the claim gets the pin here.
        var http = new InterceptedApi(async (request, forward, _) =>
        {
            var response = await forward();
            if (!InterceptedApi.IsClaim(request) || response.StatusCode != HttpStatusCode.OK) return response;
            var claim = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
            claim["parameters"]!["firmwareSha256"] = pinned;
            return Answer(HttpStatusCode.OK, claim.ToJsonString(), "application/json");
        });
        var opened = 0;
        var daemon = Start([new BenchUnderTest(Photon("safe-mode")) { Opening = () => Interlocked.Increment(ref opened) }], http);

        await JobDoneAsync();

        if (matches)
        {
            (await TimelineTypesAsync(ticket)).ShouldContain(nameof(TinkerFlashed));
            opened.ShouldBe(1);
        }
        else
        {
            (await ReasonFailedAsync(ticket)).ShouldBe(
                $"firmware 'tinker' has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(tinker))}, not {pinned} as the job names; nothing was written");
            opened.ShouldBe(0);
        }
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_backup_is_restored_only_when_the_image_downloaded_matches_the_SHA_256_the_job_names(bool altered)
    {
        var ticket = await TicketWithJobAsync();
        var http = new InterceptedApi(async (request, forward, _) =>
        {
            var response = await forward();
            if (!altered || request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.EndsWith("/artifacts/backup", StringComparison.Ordinal))
                return response;
            var image = await response.Content.ReadAsByteArrayAsync(Cancellation);
            image[0x1000] ^= 0xff; // one byte changed on the way
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(image) };
        });
        var opened = 0;
        var daemon = Start([new BenchUnderTest(Photon()) { Opening = () => Interlocked.Increment(ref opened) }], http);
        await JobDoneAsync();
        var filed = (await GetAsync($"/api/tickets/{ticket}"))["backups"]![0]!["sha256"]!.GetValue<string>();

        await QueueAsync(ticket, "RestoreBackup");
        await JobDoneAsync();

        if (altered)
        {
            (await ReasonFailedAsync(ticket)).ShouldStartWith("the backup to restore has SHA-256 ");
            (await ReasonFailedAsync(ticket)).ShouldEndWith($", not {filed} as the job names; nothing was written");
            opened.ShouldBe(1); // the backup job's; the restore never opened the device
        }
        else
        {
            (await TimelineTypesAsync(ticket)).ShouldContain(nameof(BackupRestored));
            opened.ShouldBe(2);
        }
        (await StopAsync(daemon)).ShouldBe(DaemonEnd.Stopped);
    }
}
