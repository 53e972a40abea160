using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class WorkingATicket(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task A_ticket_opened_from_the_queue_by_its_reference_takes_a_backup_request_that_shows_in_the_timeline_without_reloading()
    {
        var (ticket, reference, _) = await Api.OpenTicketAsync();
        await SignInAsync(Roles.Supervisor);

        await Table("Tickets").GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(Heading(reference)).ToBeVisibleAsync();
        Page.Url.ShouldEndWith($"#/tickets/{ticket}");
        await MarkDocumentAsync();
        await Button("Request backup").ClickAsync();

        await Expect(TimelineItem("Backup requested by web-supervisor")).ToBeVisibleAsync();
        await ShouldNotHaveReloadedAsync();
    }

    [Fact]
    public async Task Taking_a_ticket_makes_the_signed_in_person_its_assignee()
    {
        var ticket = await Api.OpenTicketAsync();
        await OnTicketPageAsync(Roles.Support, ticket);

        await Button("Take").ClickAsync();

        await Expect(TimelineItem("Assigned to web-support by web-support")).ToBeVisibleAsync();
        (await Api.TicketAsync(ticket.Id))["assignee"]!.GetValue<string>().ShouldBe("web-support");
    }

    [Fact]
    public async Task Viewing_an_earlier_version_shows_the_ticket_as_it_stood_then_and_back_to_now_shows_it_all()
    {
        var ticket = await Api.OpenTicketAsync();
        await Api.PostAsync(ticket.Id, "notes", new { text = "Owner will send a backup tonight." });
        await OnTicketPageAsync(Roles.Supervisor, ticket);
        await Expect(TimelineItem("Owner will send a backup tonight.")).ToBeVisibleAsync();

        // Version 1 is the report alone (DeviceReported); the diagnosis is version 2 and the note after it.
        await Field("View as of version").FillAsync("1");
        await Button("View").ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Viewing version 1");
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Timeline", Exact = true }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(TimelineItem("Owner will send a backup tonight.")).ToHaveCountAsync(0);

        await Button("Back to now").ClickAsync();
        await Expect(TimelineItem("Owner will send a backup tonight.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Resolving_with_a_resolution_shows_the_ticket_resolved()
    {
        var ticket = await Api.OpenTicketAsync();
        await OnTicketPageAsync(Roles.Supervisor, ticket);

        await Field("Resolution").FillAsync("Server key restored; breathing cyan again.");
        await Button("Resolve").ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Report", Exact = true })).ToContainTextAsync("Resolved");
        await Expect(TimelineItem("Server key restored; breathing cyan again.")).ToBeVisibleAsync();
        (await Api.TicketAsync(ticket.Id))["status"]!.GetValue<string>().ShouldBe("Resolved");
    }

    [Fact]
    public async Task A_job_the_backup_first_rule_refuses_shows_the_rule_in_the_problems_words_inside_the_job_form()
    {
        var ticket = await Api.OpenTicketAsync();
        await OnTicketPageAsync(Roles.Support, ticket);

        await Field("Job kind").SelectOptionAsync("RestoreBackup");
        await Button("Queue job").ClickAsync();

        // The backup-first refusal's detail (Domain/Tickets/QueueRecoveryJob.cs), in its own words.
        var alert = FormWith("Queue job").GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync($"RestoreBackup overwrites the device's flash and {ticket.Reference} has no backup of {ticket.DeviceId}");
        await Expect(alert).ToContainTextAsync("request or take a backup, or have a supervisor waive the rule with a reason.");
        (await Api.TicketAsync(ticket.Id))["jobs"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Support_sees_neither_the_waiver_nor_any_download_and_a_supervisor_sees_both()
    {
        var ticket = await Api.OpenTicketAsync();
        await SimulatedBench.BackupOnTheBenchAsync(Api, ticket.Id, ticket.DeviceId);

        await OnTicketPageAsync(Roles.Support, ticket);
        await Expect(Table("Backups").GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(Field("Job kind")).ToBeVisibleAsync();
        await Expect(Field("Waiver reason")).ToHaveCountAsync(0);
        await Expect(Button("Download")).ToHaveCountAsync(0);
        await Expect(Field("Reason for download")).ToHaveCountAsync(0);

        await Button("Sign out").ClickAsync();
        await OnTicketPageAsync(Roles.Supervisor, ticket);
        await Expect(Field("Waiver reason")).ToBeVisibleAsync();
        await Expect(Table("Backups").GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true })).ToBeVisibleAsync();
        await Expect(Table("Backups").GetByLabel("Reason for download", new() { Exact = true })).ToBeVisibleAsync();
    }
}
