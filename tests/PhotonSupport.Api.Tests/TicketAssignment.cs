using System.Net;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>Who has the case, over HTTP: assign, take, unassign, and the queue's assignee filter.</summary>
public class TicketAssignment(ApiFixture api) : ApiTest(api)
{
    // The fixture's keys are named test-{role}: these are the names events record and the queue filters on.
    private const string Supervisor = "test-supervisor";
    private const string Support = "test-support";

    private async Task<Guid[]> QueueAsync(string query, HttpClient? caller = null) =>
        (await ReadAsync(await (caller ?? Api.Http).GetAsync($"/api/tickets?{query}", Cancellation), HttpStatusCode.OK))["items"]!.AsArray()
            .Select(t => t!["id"]!.GetValue<Guid>()).Order().ToArray();

    [Fact]
    public async Task Assigning_a_ticket_records_who_has_it_and_who_gave_it_to_them()
    {
        var ticket = await OpenAsync();

        var answer = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/assign", new { assignee = Support, expectedVersion = 2 }), HttpStatusCode.OK);

        answer["version"]!.GetValue<long>().ShouldBe(3);
        var assigned = (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Last()!;
        assigned["type"]!.GetValue<string>().ShouldBe(nameof(TicketAssigned));
        assigned["data"]!["assignee"]!.GetValue<string>().ShouldBe(Support);
        assigned["data"]!["assignedBy"]!.GetValue<string>().ShouldBe(Supervisor);
        (await GetAsync("/api/tickets"))["items"]![0]!["assignee"]!.GetValue<string>().ShouldBe(Support);
    }

    [Fact]
    public async Task Assigning_to_the_current_assignee_answers_the_same_version_and_appends_nothing()
    {
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/assign", new { assignee = Support }), HttpStatusCode.OK);

        var again = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/assign", new { assignee = Support }), HttpStatusCode.OK);

        again["version"]!.GetValue<long>().ShouldBe(3);
        (await TimelineTypesAsync(ticket)).ShouldBe([nameof(DeviceReported), nameof(DiagnosisRecorded), nameof(TicketAssigned)]);
    }

    [Fact]
    public async Task Taking_a_ticket_assigns_it_to_the_caller_and_unassigning_gives_it_back_to_the_queue()
    {
        var ticket = await OpenAsync();
        var support = Api.ClientFor(Roles.Support);

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/take", new { }, support), HttpStatusCode.OK);
        (await QueueAsync("assignee=me", support)).ShouldBe([ticket]);

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/unassign", new { }), HttpStatusCode.OK);

        var unassigned = (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Last()!["data"]!;
        unassigned["previousAssignee"]!.GetValue<string>().ShouldBe(Support);
        unassigned["unassignedBy"]!.GetValue<string>().ShouldBe(Supervisor);
        (await QueueAsync("assignee=me", support)).ShouldBeEmpty();
        (await QueueAsync("assignee=none")).ShouldBe([ticket]);
    }

    [Fact]
    public async Task The_queue_filters_by_a_named_assignee_by_mine_and_by_unassigned()
    {
        var mine = await OpenAsync();
        var theirs = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(1)));
        var nobodys = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(2)));
        await ReadAsync(await PostAsync($"/api/tickets/{mine}/take", new { }), HttpStatusCode.OK);
        await ReadAsync(await PostAsync($"/api/tickets/{theirs}/assign", new { assignee = Support }), HttpStatusCode.OK);

        (await QueueAsync("assignee=me")).ShouldBe([mine]);
        (await QueueAsync($"assignee={Support}")).ShouldBe([theirs]);
        (await QueueAsync("assignee=none")).ShouldBe([nobodys]);
        (await QueueAsync("assignee=nobody-here")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_assignment_on_a_resolved_ticket_is_refused_and_appends_nothing()
    {
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/resolve", new { resolution = "device online" }), HttpStatusCode.OK);

        foreach (var (path, body) in new (string, object)[] { ("assign", new { assignee = Support }), ("take", new { }), ("unassign", new { }) })
        {
            var refused = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/{path}", body), HttpStatusCode.Conflict);
            refused["type"]!.GetValue<string>().ShouldBe(TicketRules.TicketResolved);
        }
        (await TimelineTypesAsync(ticket)).ShouldBe([nameof(DeviceReported), nameof(DiagnosisRecorded), nameof(TicketResolved)]);
    }

    [Fact]
    public async Task An_empty_or_missing_assignee_is_a_400_naming_the_field()
    {
        var ticket = await OpenAsync();

        foreach (var body in new object[] { new { assignee = "  " }, new { expectedVersion = 2 } })
        {
            var problem = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/assign", body), HttpStatusCode.BadRequest);
            problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["assignee"]);
        }
        (await ReadAsync(await Api.Http.GetAsync($"/api/tickets?assignee={new string('a', 101)}", Cancellation), HttpStatusCode.BadRequest))
            ["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["assignee"]);
    }

    [Fact]
    public async Task A_take_decided_on_a_stale_version_is_refused() =>
        (await ReadAsync(await PostAsync($"/api/tickets/{await OpenAsync()}/take", new { expectedVersion = 1 }), HttpStatusCode.Conflict))
            ["type"]!.GetValue<string>().ShouldBe(TicketRules.StaleVersion);
}
