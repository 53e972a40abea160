using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class ChangingATicket(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task A_queued_job_cancelled_with_a_reason_shows_as_cancelled_and_the_timeline_says_so_without_reloading()
    {
        var ticket = await Api.OpenTicketAsync();
        // No bench has this device attached, so the job waits in the queue until it is called off.
        await Api.PostAsync(ticket.Id, "jobs", new { kind = "Backup" });
        await OnTicketPageAsync(Roles.Support, ticket);
        var job = Table("Jobs").GetByRole(AriaRole.Row).Filter(new() { HasText = "Backup" });
        await Expect(job.GetByRole(AriaRole.Cell, new() { Name = "Queued", Exact = true })).ToBeVisibleAsync();
        await MarkDocumentAsync();

        await job.GetByLabel("Reason for cancelling", new() { Exact = true }).FillAsync("The owner found the device works after all.");
        await job.GetByRole(AriaRole.Button, new() { Name = "Cancel job", Exact = true }).ClickAsync();

        await Expect(job.GetByRole(AriaRole.Cell, new() { Name = "Cancelled", Exact = true })).ToBeVisibleAsync();
        await Expect(Button("Cancel job")).ToHaveCountAsync(0);
        var cancelled = TimelineItem("Backup job cancelled by web-support");
        await Expect(cancelled).ToBeVisibleAsync();
        await Expect(cancelled).ToContainTextAsync("Reason: The owner found the device works after all.");
        await ShouldNotHaveReloadedAsync();
        (await Api.TicketAsync(ticket.Id))["jobs"]!.AsArray().Single()!["state"]!.GetValue<string>().ShouldBe("Cancelled");
    }

    [Fact]
    public async Task A_supervisor_assigns_a_ticket_to_someone_else_whom_the_ticket_and_its_queue_line_show_and_unassigning_clears_it()
    {
        var ticket = await Api.OpenTicketAsync();
        await OnTicketPageAsync(Roles.Supervisor, ticket);

        await Field("Assignee").FillAsync("dana");
        await Button("Assign").ClickAsync();

        await Expect(ReportFact("Assignee")).ToHaveTextAsync("dana");
        await Expect(TimelineItem("Assigned to dana by web-supervisor")).ToBeVisibleAsync();
        await ShouldShowInTheQueueLineAsync(ticket.Reference, "dana");

        await Table("Tickets").GetByRole(AriaRole.Link, new() { Name = ticket.Reference, Exact = true }).ClickAsync();
        await Expect(ReportFact("Assignee")).ToHaveTextAsync("dana");
        await Button("Unassign").ClickAsync();

        await Expect(ReportFact("Assignee")).ToHaveTextAsync("nobody");
        await Expect(TimelineItem("Unassigned from dana by web-supervisor")).ToBeVisibleAsync();
        await ShouldShowInTheQueueLineAsync(ticket.Reference, "nobody");
        (await Api.TicketAsync(ticket.Id))["assignee"].ShouldBeNull();
    }

    [Fact]
    public async Task Correcting_the_reports_LED_pattern_and_symptom_shows_the_new_values_and_a_correction_in_the_timeline()
    {
        var ticket = await Api.OpenTicketAsync();
        await OnTicketPageAsync(Roles.Support, ticket);
        await Expect(ReportFact("LED pattern")).ToHaveTextAsync("other");

        await Field("Symptom").FillAsync("Blinks green and never joins the Wi-Fi.");
        await Field("LED pattern").FillAsync("blinking-green");
        await Button("Correct report").ClickAsync();

        await Expect(ReportFact("LED pattern")).ToHaveTextAsync("blinking-green");
        await Expect(ReportFact("Symptom")).ToHaveTextAsync("Blinks green and never joins the Wi-Fi.");
        var corrected = TimelineItem("Report corrected by web-support");
        await Expect(corrected).ToBeVisibleAsync();
        await Expect(corrected).ToContainTextAsync("Symptom now: Blinks green and never joins the Wi-Fi.");
        await Expect(corrected).ToContainTextAsync("LED pattern now: blinking-green");
    }

    [Fact]
    public async Task A_resolved_ticket_reopened_with_a_reason_is_open_again_and_the_timeline_says_reopened()
    {
        var ticket = await Api.OpenTicketAsync();
        await Api.PostAsync(ticket.Id, "resolve", new { resolution = "Server key restored; breathing cyan again." });
        await OnTicketPageAsync(Roles.Supervisor, ticket);
        await Expect(ReportFact("Status")).ToHaveTextAsync("Resolved");

        await Field("Reason to reopen").FillAsync("Blinking cyan again a week later.");
        await Button("Reopen").ClickAsync();

        await Expect(ReportFact("Status")).ToHaveTextAsync("Open");
        var reopened = TimelineItem("Reopened by web-supervisor");
        await Expect(reopened).ToBeVisibleAsync();
        await Expect(reopened).ToContainTextAsync("Reason: Blinking cyan again a week later.");
        (await Api.TicketAsync(ticket.Id))["status"]!.GetValue<string>().ShouldBe("Open");
    }

    /// <summary>Goes to the queue by its link and finds the ticket's line there, its Assignee cell saying <paramref name="assignee"/>.</summary>
    private async Task ShouldShowInTheQueueLineAsync(string reference, string assignee)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true }).ClickAsync();
        await Expect(Heading("Queue")).ToBeVisibleAsync();
        // The ticket just changed, so it heads the queue (most recently updated first).
        var line = Table("Tickets").GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });
        await Expect(line.GetByRole(AriaRole.Cell, new() { Name = assignee, Exact = true })).ToBeVisibleAsync();
    }
}
