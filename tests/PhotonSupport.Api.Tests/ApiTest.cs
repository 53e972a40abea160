using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Simulator;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Workers.Jobs;
using Wolverine.Tracking;

namespace PhotonSupport.Api.Tests;

/// <summary>Base for tests that speak HTTP to the running Api, starting from an empty store.</summary>
public abstract class ApiTest(ApiFixture api) : IAsyncLifetime
{
    public const string PhotonId = "3c002b000347343339373536";

    protected ApiFixture Api { get; } = api;

    public virtual async ValueTask InitializeAsync() => await Api.ResetAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A distinct device id per <paramref name="n"/>, for tests that need several devices (one open ticket each).</summary>
    protected static string AnotherPhoton(int n) => $"3c{n:x22}";

    protected static object PhotonReport(string? ledPattern = "cyan-flash-red-3", string deviceId = PhotonId) => new
    {
        deviceId,
        platform = "Photon",
        ownerEmail = "owner@example.com",
        symptom = "Ran out of battery; after an update it blinks cyan, then three red blinks.",
        ledPattern,
    };

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Posts as <paramref name="caller"/>, by default the supervisor's client.</summary>
    protected Task<HttpResponseMessage> PostAsync(string path, object body, HttpClient? caller = null) =>
        (caller ?? Api.Http).PostAsJsonAsync(path, body, ApiFixture.Json, Cancellation);

    protected async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    protected async Task<JsonNode> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Api.Http.GetAsync(path), expected);

    /// <summary>Opens a ticket and returns its id and its reference (PS-n).</summary>
    protected async Task<(Guid Id, string Reference)> OpenWithReferenceAsync(object? report = null)
    {
        var opened = await ReadAsync(await PostAsync("/api/tickets", report ?? PhotonReport()), HttpStatusCode.Created);
        return (opened["id"]!.GetValue<Guid>(), opened["reference"]!.GetValue<string>());
    }

    /// <summary>A GET refused as invalid input, with <paramref name="field"/> among the fields its problem names.</summary>
    protected async Task ShouldBeBadQueryAsync(string path, string field)
    {
        var problem = await GetAsync(path, HttpStatusCode.BadRequest);
        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:validation");
        ((JsonObject)problem["errors"]!).ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
    }

    /// <summary>Opens a ticket and returns its id.</summary>
    protected async Task<Guid> OpenAsync(object? report = null)
    {
        var opened = await ReadAsync(await PostAsync("/api/tickets", report ?? PhotonReport()), HttpStatusCode.Created);
        return opened["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// The timeline's event types but <see cref="OwnerNotified"/>: owners' mail is recorded by a background handler,
    /// wherever it lands among the ticket's own events, so the mail tests (MailingOwners) check it on their own.
    /// </summary>
    protected async Task<string[]> TimelineTypesAsync(Guid ticketId) =>
        (await GetAsync($"/api/tickets/{ticketId}/events")).AsArray().Select(e => e!["type"]!.GetValue<string>())
            .Where(type => type != nameof(OwnerNotified)).ToArray();

    protected static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    /// <summary>A Tinker-shaped module for <paramref name="platform"/>'s user part (a synthetic one: we don't ship Particle's).</summary>
    protected static byte[] Tinker(Platform platform = Platform.Photon, int length = 6000, byte fill = 0x5a)
    {
        var userPart = FirmwareRegions.For(platform).Single(r => r.Function is ModuleFunction.UserPart or ModuleFunction.MonoFirmware);
        return FirmwareRegions.SyntheticModule(platform, userPart, length, version: 6, fill: fill);
    }

    /// <summary>Loads a binary into the firmware library as an admin and returns the bytes' SHA-256, computed here.</summary>
    protected async Task<string> GivenInLibraryAsync(string path, byte[] binary)
    {
        var response = await Api.ClientFor(Roles.Admin).PutAsync(path, new ByteArrayContent(binary), Cancellation);
        await ReadAsync(response, HttpStatusCode.OK);
        return Convert.ToHexStringLower(SHA256.HashData(binary));
    }

    /// <summary>
    /// The whole internal flash (1 MiB) of a simulated Photon in <paramref name="scenario"/>, as the owner's dfu-util line reads it:
    /// its DCT holds the device's keys, so forensics finds a backup of something.
    /// </summary>
    protected static byte[] PhotonBackupImage(string scenario = "healthy", string deviceId = PhotonId) =>
        new SimulatedDfuDevice(SimulatedDeviceSpec.Parse($"photon:{deviceId}:{scenario}"), new VirtualClock()).Memory(0).Image();

    /// <summary>Uploads an image to the ticket as staff (a supervisor unless <paramref name="caller"/> says otherwise).</summary>
    protected async Task<HttpResponseMessage> PutBackupAsync(Guid ticketId, byte[] image, HttpClient? caller = null) =>
        await (caller ?? Api.Http).PutAsync($"/api/tickets/{ticketId}/backups", new ByteArrayContent(image), Cancellation);

    /// <summary>A backup that holds the device's keys is on file; the id of its record.</summary>
    protected async Task<Guid> GivenBackupOnFileAsync(Guid ticketId) =>
        (await ReadAsync(await PutBackupAsync(ticketId, PhotonBackupImage()), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

    /// <summary>Appends events to a ticket's stream as if they had happened, for states no endpoint reaches yet.</summary>
    protected async Task GivenEventsAsync(Guid ticketId, params object[] events)
    {
        await using var session = Api.Store.LightweightSession();
        session.Events.Append(ticketId, events);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// The holder stops heartbeating and the lease runs out: the lease is set to have ended a moment ago (by the
    /// Api's clock) and the lease monitor's scheduled check is run now, rather than waiting for a real lease.
    /// </summary>
    protected async Task LeaseRunsOutAsync(Guid ticket, Guid job)
    {
        int attempt;
        await using (var session = Api.Store.LightweightSession())
        {
            var lease = (await session.LoadAsync<JobLease>(job, Cancellation))!;
            lease.ExpiresAt = Api.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(-1);
            attempt = lease.Attempt;
            session.Store(lease);
            await session.SaveChangesAsync(Cancellation);
        }
        await Api.Host.InvokeMessageAndWaitAsync(new CheckRecoveryJobLease(ticket, job, attempt), 30_000);
    }
}
