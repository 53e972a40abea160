using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class WatchingTheBench(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task A_backup_job_queued_on_the_page_shows_the_benchs_progress_and_then_its_success_without_reloading()
    {
        var ticket = await Api.OpenTicketAsync();
        await using var bench = new SimulatedBench(Api, ticket.DeviceId);
        await OnTicketPageAsync(Roles.Supervisor, ticket, watching: true);
        await MarkDocumentAsync();

        await Field("Job kind").SelectOptionAsync("Backup");
        await Button("Queue job").ClickAsync();

        // The bench has read the device and holds the image; its heartbeats carry the read's progress, a percent above 0.
        var progress = Page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of Backup", Exact = true });
        await Expect(progress).ToBeVisibleAsync();
        await Expect(progress).Not.ToHaveJSPropertyAsync("value", 0);
        bench.ReleaseUploads();
        var job = Table("Jobs").GetByRole(AriaRole.Row).Filter(new() { HasText = "Backup" });
        await Expect(job).ToContainTextAsync("Succeeded");
        // The outcome replaces the last progress line: a Photon's whole flash is 1 MiB (particle-facts.md).
        await Expect(job).ToContainTextAsync("1,048,576 bytes");
        await Expect(progress).ToHaveCountAsync(0);
        await Expect(Table("Backups").GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await ShouldNotHaveReloadedAsync();
        await Screenshots.TakeAsync(Page, "ticket");
    }

    [Fact]
    public async Task The_timeline_tells_the_report_the_backup_request_and_the_jobs_claim_and_success_in_plain_words()
    {
        var ticket = await Api.OpenTicketAsync();
        await Api.PostAsync(ticket.Id, "backup-requests", new { });
        await SimulatedBench.BackupOnTheBenchAsync(Api, ticket.Id, ticket.DeviceId);

        await OnTicketPageAsync(Roles.Supervisor, ticket);

        await Expect(TimelineItem("Reported by web-supervisor")).ToBeVisibleAsync();
        await Expect(TimelineItem("Backup requested by web-supervisor")).ToBeVisibleAsync();
        await Expect(TimelineItem("Backup job claimed by .*web-agent")).ToBeVisibleAsync();
        await Expect(TimelineItem("Backup job succeeded")).ToBeVisibleAsync();
        // The upload is signed with the agent key's id; the page names the bench as its claim did.
        await Expect(TimelineItem("Backup received from the bench by .*web-agent")).ToBeVisibleAsync();
        // Who and when: every item says when it happened.
        await Expect(TimelineItem("Backup requested by web-supervisor").Locator("time")).ToHaveCountAsync(1);
    }
}
