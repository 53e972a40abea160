using System.Net;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>Putting a report right over HTTP: the answer says how the recovery plan changed.</summary>
public class ReportCorrection(ApiFixture api) : ApiTest(api)
{
    [Fact]
    public async Task Correcting_the_led_pattern_diagnoses_again_and_answers_the_plan_before_and_after()
    {
        var ticket = await OpenAsync();

        var answer = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/report", new { ledPattern = "cyan-flash-orange-1", expectedVersion = 2 }),
            HttpStatusCode.OK);

        // The LED table (particle-facts.md): red 3 is the server key, orange 1 a device key the cloud doesn't hold.
        Strings(answer["planBefore"]).ShouldBe(["Backup", "RestoreServerKey", "FlashTinker"]);
        Strings(answer["planAfter"]).ShouldBe(["Backup", "RegenerateDeviceKeys"]);
        answer["version"]!.GetValue<long>().ShouldBe(4);
        answer["reference"]!.GetValue<string>().ShouldStartWith("PS-");
        (await TimelineTypesAsync(ticket)).ShouldBe(
            [nameof(DeviceReported), nameof(DiagnosisRecorded), nameof(DeviceReportCorrected), nameof(DiagnosisRecorded)]);
        var now = await GetAsync($"/api/tickets/{ticket}");
        now["ledPattern"]!.GetValue<string>().ShouldBe("cyan-flash-orange-1");
        now["symptom"]!.GetValue<string>().ShouldStartWith("Ran out of battery");
    }

    [Fact]
    public async Task Correcting_the_symptom_alone_leaves_the_plan_as_it_was()
    {
        var ticket = await OpenAsync();

        var answer = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/report", new { symptom = "Three red blinks after cyan, every time." }),
            HttpStatusCode.OK);

        Strings(answer["planAfter"]).ShouldBe(["Backup", "RestoreServerKey", "FlashTinker"]);
        Strings(answer["planBefore"]).ShouldBe(["Backup", "RestoreServerKey", "FlashTinker"]);
        (await GetAsync($"/api/tickets/{ticket}"))["symptom"]!.GetValue<string>().ShouldBe("Three red blinks after cyan, every time.");
        (await TimelineTypesAsync(ticket)).ShouldBe([nameof(DeviceReported), nameof(DiagnosisRecorded), nameof(DeviceReportCorrected)]);
    }

    [Fact]
    public async Task A_report_opened_without_an_led_pattern_gets_its_first_plan_from_the_correction()
    {
        var ticket = await OpenAsync(PhotonReport(ledPattern: null));

        var answer = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/report", new { ledPattern = "magenta" }), HttpStatusCode.OK);

        Strings(answer["planBefore"]).ShouldBeEmpty();
        Strings(answer["planAfter"]).ShouldBe(["Backup", "FlashTinker"]);
    }

    [Fact]
    public async Task A_correction_of_a_resolved_ticket_is_refused_and_appends_nothing()
    {
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/resolve", new { resolution = "device online" }), HttpStatusCode.OK);

        var refused = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/report", new { ledPattern = "magenta" }), HttpStatusCode.Conflict);

        refused["type"]!.GetValue<string>().ShouldBe(TicketRules.TicketResolved);
        (await TimelineTypesAsync(ticket)).ShouldBe([nameof(DeviceReported), nameof(DiagnosisRecorded), nameof(TicketResolved)]);
    }

    [Fact]
    public async Task A_correction_with_neither_field_or_an_unknown_led_pattern_is_a_400_naming_the_field()
    {
        var ticket = await OpenAsync();

        (await ReadAsync(await PostAsync($"/api/tickets/{ticket}/report", new { expectedVersion = 2 }), HttpStatusCode.BadRequest))
            ["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["symptom"]);
        var unknown = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/report", new { ledPattern = "purple-disco" }), HttpStatusCode.BadRequest);
        unknown["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["ledPattern"]);
        unknown["errors"]!["ledPattern"]![0]!.GetValue<string>().ShouldContain("cyan-flash-red-3");
        (await TimelineTypesAsync(ticket)).ShouldBe([nameof(DeviceReported), nameof(DiagnosisRecorded)]);
    }

    [Fact]
    public async Task A_correction_of_a_ticket_that_does_not_exist_is_a_404() =>
        await ReadAsync(await PostAsync($"/api/tickets/{Guid.NewGuid()}/report", new { ledPattern = "magenta" }), HttpStatusCode.NotFound);
}
