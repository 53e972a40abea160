using System.Net;
using Npgsql;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>A device has one open ticket and one job on a bench at a time, and keeps the platform it was reported as.</summary>
public class OneCasePerDevice(ApiFixture api) : ApiTest(api)
{
    private static object Bench => new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } };

    [Fact]
    public async Task A_second_report_of_a_device_with_an_open_ticket_is_a_409_pointing_at_that_ticket()
    {
        var (id, reference) = await OpenWithReferenceAsync();

        var problem = await ReadAsync(await PostAsync("/api/tickets", PhotonReport(deviceId: PhotonId.ToUpperInvariant())), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:device-has-open-ticket");
        problem["detail"]!.GetValue<string>().ShouldContain(reference);
        problem["existingTicket"]!["id"]!.GetValue<Guid>().ShouldBe(id);
        problem["existingTicket"]!["reference"]!.GetValue<string>().ShouldBe(reference);
        problem["existingTicket"]!["href"]!.GetValue<string>().ShouldBe($"/api/tickets/{id}");
        (await GetAsync($"/api/tickets?deviceId={PhotonId}"))["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task A_device_whose_ticket_was_resolved_can_be_reported_again()
    {
        var (id, _) = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{id}/resolve", new { resolution = "owner ran particle keys server" }), HttpStatusCode.OK);

        await ReadAsync(await PostAsync("/api/tickets", PhotonReport()), HttpStatusCode.Created);

        (await GetAsync($"/api/tickets?deviceId={PhotonId}"))["total"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task A_report_naming_another_platform_than_the_device_is_known_as_is_a_409_naming_the_known_one()
    {
        var (id, _) = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{id}/resolve", new { resolution = "fixed" }), HttpStatusCode.OK);

        var problem = await ReadAsync(await PostAsync("/api/tickets", new
        {
            deviceId = PhotonId, platform = "Electron", ownerEmail = "owner@example.com", symptom = "no cellular", ledPattern = (string?)null,
        }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:platform-contradicts-device");
        problem["detail"]!.GetValue<string>().ShouldContain("known as a Photon");
    }

    [Fact]
    public async Task Reopening_an_old_ticket_while_the_device_has_a_newer_open_one_is_a_409_pointing_at_it()
    {
        var (old, _) = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{old}/resolve", new { resolution = "fixed" }), HttpStatusCode.OK);
        var (current, reference) = await OpenWithReferenceAsync();

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{old}/reopen", new { reason = "red again" }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:device-has-open-ticket");
        problem["existingTicket"]!["id"]!.GetValue<Guid>().ShouldBe(current);
        problem["existingTicket"]!["reference"]!.GetValue<string>().ShouldBe(reference);
        (await GetAsync($"/api/tickets/{old}"))["status"]!.GetValue<string>().ShouldBe("Resolved");
    }

    /// <summary>
    /// The test holds the device's lock itself until both opens are queued behind it, so they are
    /// certain to overlap: without the lock both would read "no ticket" and both would open one.
    /// </summary>
    [Fact]
    public async Task Two_reports_of_one_device_at_the_same_moment_open_one_ticket_and_send_the_other_to_it()
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var holding = await connection.BeginTransactionAsync(Cancellation);
        await Sql(connection, $"select 1 from pg_advisory_xact_lock({DeviceTickets.LockKeySpace}, hashtext('{PhotonId}'))");

        var both = new[] { PostAsync("/api/tickets", PhotonReport()), PostAsync("/api/tickets", PhotonReport()) };
        await UntilAsync(async () => (long)(await Sql(connection,
            $"select count(*) from pg_locks where locktype = 'advisory' and classid = {DeviceTickets.LockKeySpace} and not granted"))! == 2);
        await holding.CommitAsync(Cancellation);
        var responses = await Task.WhenAll(both);

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        (await GetAsync($"/api/tickets?deviceId={PhotonId}"))["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task A_device_with_a_job_on_a_bench_is_handed_no_second_job_until_it_ends()
    {
        var (id, _) = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "Backup" }), HttpStatusCode.Created);
        await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "RestoreServerKey", waiverReason = "owner agreed" }), HttpStatusCode.Created);
        var agent = Api.ClientFor(Roles.Agent);
        var first = await ReadAsync(await PostAsync("/api/agents/claims?waitSeconds=0", Bench, agent), HttpStatusCode.OK);

        var whileBusy = await PostAsync("/api/agents/claims?waitSeconds=0", Bench, agent);
        await ReadAsync(await PostAsync(AgentPaths.CompleteOf(first["jobId"]!.GetValue<Guid>(), first["claimId"]!.GetValue<Guid>()), new { outcome = "failed", details = "unplugged" }, agent), HttpStatusCode.OK);
        var afterwards = await ReadAsync(await PostAsync("/api/agents/claims?waitSeconds=0", Bench, agent), HttpStatusCode.OK);

        whileBusy.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterwards["jobId"]!.GetValue<Guid>().ShouldNotBe(first["jobId"]!.GetValue<Guid>());
    }

    private async Task<object?> Sql(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Cancellation);
    }

    /// <summary>Polls a condition the Api brings about by itself; gives up (failing the test) after a generous minute.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var poll = 0; poll < 3000; poll++)
        {
            if (await condition()) return;
            await Task.Delay(20, Cancellation);
        }
        throw new TimeoutException("Both opens never queued behind the device's lock.");
    }
}
