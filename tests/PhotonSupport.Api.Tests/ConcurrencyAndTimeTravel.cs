using System.Net;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

public class ConcurrencyAndTimeTravel(ApiFixture api) : ApiTest(api)
{
    [Fact]
    public async Task A_command_decided_on_a_stale_version_is_a_409_and_appends_nothing()
    {
        var id = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{id}/notes", new { text = "first", expectedVersion = 2 }), HttpStatusCode.OK);
        var before = await Api.EventCountAsync();

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{id}/notes", new { text = "late", expectedVersion = 2 }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe(TicketRules.StaleVersion);
        (await Api.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Two_concurrent_commands_decided_on_the_same_version_give_exactly_one_409_and_no_gap()
    {
        // Repeated, because one pair may happen not to overlap; every pair must still end one-and-one.
        for (var round = 0; round < 10; round++)
        {
            var id = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(round)));

            var responses = await Task.WhenAll(
                PostAsync($"/api/tickets/{id}/notes", new { text = "from the desk", expectedVersion = 2 }),
                PostAsync($"/api/tickets/{id}/notes", new { text = "from the bench", expectedVersion = 2 }));

            responses.Select(r => (int)r.StatusCode).Order().ToArray().ShouldBe([200, 409], $"round {round}");
            var conflict = await ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
            conflict["type"]!.GetValue<string>().ShouldBe(TicketRules.StaleVersion);
            var versions = (await GetAsync($"/api/tickets/{id}/events")).AsArray().Select(e => e!["version"]!.GetValue<long>());
            versions.ShouldBe([1L, 2L, 3L]);
        }
    }

    [Fact]
    public async Task Concurrent_commands_without_an_expected_version_all_land()
    {
        var id = await OpenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync($"/api/tickets/{id}/notes", new { text = $"note {i}" })));

        responses.Select(r => (int)r.StatusCode).ShouldAllBe(s => s == 200);
        var versions = (await GetAsync($"/api/tickets/{id}/events")).AsArray().Select(e => e!["version"]!.GetValue<long>());
        versions.ShouldBe(Enumerable.Range(1, 8).Select(v => (long)v));
    }

    [Fact]
    public async Task A_ticket_can_be_read_as_it_was_first_opened()
    {
        var id = await OpenAsync();
        await GivenBackupOnFileAsync(id);
        await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "RestoreServerKey" }), HttpStatusCode.Created);

        var first = await GetAsync($"/api/tickets/{id}?version=1");
        var now = await GetAsync($"/api/tickets/{id}");

        first["version"]!.GetValue<long>().ShouldBe(1);
        first["diagnosis"].ShouldBeNull();
        first["status"]!.GetValue<string>().ShouldBe("Open");
        // Reported and diagnosed, the image received and analysed (a healthy one: no new diagnosis), the job queued.
        now["version"]!.GetValue<long>().ShouldBe(5);
        now["status"]!.GetValue<string>().ShouldBe("InRecovery");
    }

    [Fact]
    public async Task A_ticket_as_of_a_time_shows_what_had_happened_by_then()
    {
        var id = await OpenAsync();
        await GivenEventsAsync(id, new NoteAdded(id, "later", "support", DateTimeOffset.UtcNow));
        // The store stamps each event as it commits; asOf is read against those stamps.
        await using var session = Api.Store.QuerySession();
        var stamps = (await session.Events.FetchStreamAsync(id, token: Cancellation)).Select(e => e.Timestamp).ToArray();
        var beforeOpening = stamps[0].AddSeconds(-1);
        var betweenOpeningAndNote = stamps[^2] + (stamps[^1] - stamps[^2]) / 2;

        var asBefore = await GetAsync($"/api/tickets/{id}?asOf={Uri.EscapeDataString(beforeOpening.ToString("O"))}", HttpStatusCode.NotFound);
        var asBetween = await GetAsync($"/api/tickets/{id}?asOf={Uri.EscapeDataString(betweenOpeningAndNote.ToString("O"))}");
        var asAfter = await GetAsync($"/api/tickets/{id}?asOf={Uri.EscapeDataString(stamps[^1].AddSeconds(1).ToString("O"))}");

        stamps.Length.ShouldBe(3, "opened (reported, diagnosed), then the note");
        stamps[^1].ShouldBeGreaterThan(stamps[^2]);
        asBefore["detail"]!.GetValue<string>().ShouldContain("did not exist");
        asBetween["version"]!.GetValue<long>().ShouldBe(2);
        asAfter["version"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task A_version_below_one_is_a_400() =>
        (await GetAsync($"/api/tickets/{await OpenAsync()}?version=0", HttpStatusCode.BadRequest))["errors"]!["version"].ShouldNotBeNull();

    [Fact]
    public async Task An_unknown_ticket_is_a_404()
    {
        await GetAsync($"/api/tickets/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await GetAsync($"/api/tickets/{Guid.NewGuid()}/events", HttpStatusCode.NotFound);
        await GetAsync($"/api/tickets/{Guid.NewGuid()}?version=1", HttpStatusCode.NotFound);
    }
}
