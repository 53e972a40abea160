using System.Security.Cryptography;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Testing;
using Marten;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Backups;

namespace PhotonSupport.EndToEnd.Tests;

/// <summary>
/// The founding thread, end to end: the Api on real PostgreSQL, the bench agent as a separate
/// process with a simulated Photon whose server key is gone, and nobody at the bench.
/// </summary>
public sealed class PhotonRecoveryEndToEnd : IAsyncLifetime
{
    private const string DeviceId = "3c002b000347343339373536";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _mailPickup = Directory.CreateTempSubdirectory("photonsupport-e2e-mail-");
    private PostgresServer? _postgres;
    private WebApplication? _api;
    private string _database = "";
    private HttpClient _staff = null!;

    private CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _database = await _postgres.CreateDatabaseAsync("photonsupport_e2e");
        // The Api runs in Production, which never creates the schema: applied first, as an operator does.
        await SchemaMigrations.ApplyAsync(_database);
        await StartApiAsync("http://127.0.0.1:0");
        _staff = await ClientAsync("e2e-supervisor", Roles.Supervisor);
    }

    private async Task StartApiAsync(string url)
    {
        _api = ApiHost.Build([$"--urls={url}", $"--ConnectionStrings:PhotonSupport={_database}",
            $"--PhotonSupport:Mail:PickupFolder={_mailPickup.FullName}", .. TestVaultKeys.Settings]);
        await _api.StartAsync();
    }

    private async Task<HttpClient> ClientAsync(string name, string role)
    {
        var (_, token) = await _api!.Services.GetRequiredService<ApiKeys>().CreateAsync(name, role, Cancellation);
        var client = new HttpClient { BaseAddress = new Uri(_api.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_Photon_blinking_three_red_is_backed_up_rekeyed_and_flashed_by_the_bench_and_breathes_cyan()
    {
        await LoadTinkerAsync();
        var (_, agentToken) = await _api!.Services.GetRequiredService<ApiKeys>().CreateAsync("bench-e2e", Roles.Agent, Cancellation);
        await using var agent = ProgramProcess.AgentWithKey(agentToken, "run", "--api", _api.Urls.Single(), "--no-usb", "--virtual-time",
            "--simulate", $"photon:{DeviceId}:missing-server-key");

        var ticket = await OpenAsync("cyan-flash-red-3");
        (await _staff.PostAsJsonAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var types = await EventuallyAsync(ticket, t => t.Count(x => x == "TinkerFlashed") == 1, agent);

        types.ShouldBe(
        [
            "DeviceReported", "DiagnosisRecorded",
            // Forensics of the image finds the erased server key: it confirms the LED's plan, which carries on.
            "RecoveryJobQueued", "RecoveryJobClaimed", "BackupReceived", "BackupAnalyzed", "DiagnosisRecorded", "RecoveryJobSucceeded",
            "RecoveryJobQueued", "RecoveryJobClaimed", "RecoveryJobSucceeded", "ServerKeyRestored",
            "RecoveryJobQueued", "RecoveryJobClaimed", "RecoveryJobSucceeded", "TinkerFlashed",
        ], string.Join(Environment.NewLine, agent.Output));
        var details = await _staff.GetFromJsonAsync<JsonObject>($"/api/tickets/{ticket}", Cancellation);
        var backup = details!["backups"]!.AsArray().ShouldHaveSingleItem()!;
        backup["size"]!.GetValue<long>().ShouldBe(1_048_576);
        backup["source"]!.GetValue<string>().ShouldBe("Bench");
        var held = await _staff.GetByteArrayAsync($"/api/backups/{backup["backupId"]}?reason=end-to-end+check", Cancellation);
        Convert.ToHexStringLower(SHA256.HashData(held)).ShouldBe(backup["sha256"]!.GetValue<string>());
        // The LED after each job, in particle-facts' vocabulary: three red blinks until the server key is back.
        var shows = $"simulated device {DeviceId} now shows ";
        string[] Leds() => agent.Output.Where(l => l.Contains(shows)).Select(l => l[(l.IndexOf(shows, StringComparison.Ordinal) + shows.Length)..].Trim()).ToArray();
        await EventuallyAsync(() => Leds().Length == 3, agent);
        Leds().ShouldBe(["cyan-flash-red-3", "breathing-cyan", "breathing-cyan"], string.Join(Environment.NewLine, agent.Output));
    }

    [Theory]
    [InlineData("unplug-mid-write=1", "write at 0x080a")]
    [InlineData("flaky-usb=5", " at 0x")]
    public async Task A_device_that_fails_under_the_bench_ends_its_job_failed_with_the_phase_and_address(string fault, string named)
    {
        await LoadTinkerAsync();
        var (_, agentToken) = await _api!.Services.GetRequiredService<ApiKeys>().CreateAsync("bench-e2e", Roles.Agent, Cancellation);
        await using var agent = ProgramProcess.AgentWithKey(agentToken, "run", "--api", _api.Urls.Single(), "--no-usb", "--virtual-time",
            "--simulate", $"photon:{DeviceId}:safe-mode:{fault}");
        var ticket = await OpenAsync("magenta");
        (await _staff.PostAsJsonAsync($"/api/tickets/{ticket}/jobs", new { kind = "FlashTinker", waiverReason = "bench test device" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await EventuallyAsync(ticket, t => t.Contains("RecoveryJobFailed") || t.Contains("TinkerFlashed"), agent);

        var timeline = await _staff.GetFromJsonAsync<JsonArray>($"/api/tickets/{ticket}/events", Cancellation);
        var failed = timeline!.Single(e => e!["type"]!.GetValue<string>() == "RecoveryJobFailed")!;
        failed["data"]!["reason"]!.GetValue<string>().ShouldContain(named, Case.Insensitive);
        var job = (await _staff.GetFromJsonAsync<JsonObject>($"/api/tickets/{ticket}", Cancellation))!["jobs"]![0]!;
        job["state"]!.GetValue<string>().ShouldBe("Failed");
        job["leaseExpiresAt"].ShouldBeNull();
    }

    [Fact]
    public async Task An_agent_keeps_trying_while_the_Api_is_away_and_takes_work_once_it_is_back()
    {
        var url = _api!.Urls.Single();
        var (_, agentToken) = await _api.Services.GetRequiredService<ApiKeys>().CreateAsync("bench-e2e", Roles.Agent, Cancellation);
        await _api.DisposeAsync();
        await using var agent = ProgramProcess.AgentWithKey(agentToken, "run", "--api", url, "--no-usb", "--virtual-time",
            "--simulate", $"photon:{DeviceId}:healthy");
        await EventuallyAsync(() => agent.Output.Count(l => l.Contains("the Api is not answering")) >= 2, agent);

        await StartApiAsync(url);
        var ticket = await OpenAsync("other");
        (await _staff.PostAsJsonAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await EventuallyAsync(ticket, t => t.Contains("RecoveryJobSucceeded"), agent)).ShouldContain("BackupReceived");
    }

    [Fact]
    public async Task SIGTERM_while_the_agent_reads_a_backup_still_uploads_the_image_reports_the_job_and_exits_0()
    {
        var (_, agentToken) = await _api!.Services.GetRequiredService<ApiKeys>().CreateAsync("bench-e2e", Roles.Agent, Cancellation);
        // Real-time simulation: reading the Photon's 1 MiB takes the agent over a second, so the signal lands mid-read.
        await using var agent = ProgramProcess.AgentWithKey(agentToken, "run", "--api", _api.Urls.Single(), "--no-usb",
            "--simulate", $"photon:{DeviceId}:healthy");
        var claimed = agent.LineAsync("claimed Backup");
        var ticket = await OpenAsync("other");
        (await _staff.PostAsJsonAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await claimed.WaitAsync(Patience, Cancellation);

        var exitCode = await agent.TerminateAsync(Cancellation).WaitAsync(Patience, Cancellation);

        var output = string.Join(Environment.NewLine, agent.Output);
        exitCode.ShouldBe(0, output);
        var lines = agent.Output.ToList();
        // The signal arrived while the device was being read: before the upload, not after the job.
        lines.FindIndex(l => l.Contains("SIGTERM: finishing the job in hand")).ShouldBeLessThan(
            lines.FindIndex(l => l.Contains("uploading a 1,048,576-byte backup")), output);
        lines.FindIndex(l => l.Contains("SIGTERM")).ShouldBeGreaterThan(0, output);
        var timeline = await _staff.GetFromJsonAsync<JsonArray>($"/api/tickets/{ticket}/events", Cancellation);
        TicketEventTypes(timeline!).ShouldBe(
            ["DeviceReported", "DiagnosisRecorded", "RecoveryJobQueued", "RecoveryJobClaimed", "BackupReceived", "BackupAnalyzed", "RecoveryJobSucceeded"], output);
    }

    [Fact]
    public async Task An_agent_whose_key_was_revoked_exits_7_and_says_why()
    {
        var keys = _api!.Services.GetRequiredService<ApiKeys>();
        var (_, agentToken) = await keys.CreateAsync("bench-e2e", Roles.Agent, Cancellation);
        await keys.RevokeAsync("bench-e2e", Cancellation);

        await using var agent = ProgramProcess.AgentWithKey(agentToken, "run", "--api", _api.Urls.Single(), "--no-usb", "--virtual-time",
            "--simulate", $"photon:{DeviceId}:healthy");

        var output = () => string.Join(Environment.NewLine, agent.Output);
        // README, bench agent: exit code 7 means the Api refused the agent's key.
        (await agent.ExitCodeAsync(Cancellation)).ShouldBe(7, output());
        output().ShouldContain("the Api refused this agent's key (401)");
    }

    private async Task LoadTinkerAsync()
    {
        using var admin = await ClientAsync("e2e-admin", Roles.Admin);
        var userPart = FirmwareRegions.For(Platform.Photon).Single(r => r.Function == ModuleFunction.UserPart);
        var tinker = FirmwareRegions.SyntheticModule(Platform.Photon, userPart, 8 * 1024, version: 6, fill: 0x5a);
        (await admin.PutAsync("/api/firmware/photon/tinker", new ByteArrayContent(tinker), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<Guid> OpenAsync(string ledPattern)
    {
        var opened = await (await _staff.PostAsJsonAsync("/api/tickets", new
        {
            deviceId = DeviceId, platform = "Photon", ownerEmail = "changks@example.com",
            symptom = "Ran out of battery; after an update: a series of cyan blinks and three red blinks.", ledPattern,
        }, Cancellation)).Content.ReadFromJsonAsync<JsonObject>(Cancellation);
        return opened!["id"]!.GetValue<Guid>();
    }

    private async Task<string[]> EventuallyAsync(Guid ticket, Func<string[], bool> done, ProgramProcess agent)
    {
        string[] types = [];
        await EventuallyAsync(async () =>
        {
            var timeline = await _staff.GetFromJsonAsync<JsonArray>($"/api/tickets/{ticket}/events", Cancellation);
            types = TicketEventTypes(timeline!);
            return done(types);
        }, agent);
        return types;
    }

    /// <summary>The timeline's event types but the owners' mail, which a background handler records (OwnerNotified) wherever it lands.</summary>
    private static string[] TicketEventTypes(JsonArray timeline) =>
        timeline.Select(e => e!["type"]!.GetValue<string>()).Where(type => type != "OwnerNotified").ToArray();

    private Task EventuallyAsync(Func<bool> done, ProgramProcess agent) => EventuallyAsync(() => Task.FromResult(done()), agent);

    private async Task EventuallyAsync(Func<Task<bool>> done, ProgramProcess agent)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await done()) return;
            await Task.Delay(250, Cancellation);
        }
        throw new TimeoutException("the bench never got there; agent said:" + Environment.NewLine + string.Join(Environment.NewLine, agent.Output));
    }

    public async ValueTask DisposeAsync()
    {
        _staff.Dispose();
        if (_api is not null) await _api.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }
}
