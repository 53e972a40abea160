using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>Putting the report right: a new LED pattern is diagnosed again from the table.</summary>
public class ReportCorrectionSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddHours(5);

    private static CorrectReport Correct(string? symptom = null, string? ledPattern = null) => new(TicketId, symptom, ledPattern, null, "support");

    [Fact]
    public void A_corrected_led_pattern_is_recorded_and_diagnosed_again_from_the_table()
    {
        // The report said cyan-flash-red-3; the device really shows orange 1: the cloud holds another device key.
        var decision = CorrectReport.Decide(Given(PhotonReported()), Correct(ledPattern: "cyan-flash-orange-1"), Now);

        decision.Events[0].ShouldBe(new DeviceReportCorrected(TicketId, null, "cyan-flash-orange-1", "support", Now));
        var diagnosis = decision.Events[1].ShouldBeOfType<DiagnosisRecorded>();
        diagnosis.Basis.ShouldBe("led-pattern:cyan-flash-orange-1");
        diagnosis.Cause.ShouldBe("the cloud holds a different device public key");
        diagnosis.Plan.ShouldBe([RecoveryJobKind.Backup, RecoveryJobKind.RegenerateDeviceKeys]);
        diagnosis.RecordedBy.ShouldBe("diagnosis-table");
        decision.Events.Count.ShouldBe(2);
    }

    [Fact]
    public void A_corrected_symptom_alone_keeps_the_diagnosis()
    {
        var decision = CorrectReport.Decide(Given(PhotonReported()), Correct(symptom: "blinks cyan, then three red, since the battery ran out"), Now);

        decision.Events.ShouldBe([new DeviceReportCorrected(TicketId, "blinks cyan, then three red, since the battery ran out", null, "support", Now)]);
        var ticket = Given(PhotonReported(), decision.Events[0]);
        ticket.Symptom.ShouldBe("blinks cyan, then three red, since the battery ran out");
        ticket.LedPattern.ShouldBe("cyan-flash-red-3");
    }

    [Fact]
    public void The_same_led_pattern_again_records_only_the_changed_symptom()
    {
        var decision = CorrectReport.Decide(Given(PhotonReported()), Correct("three red blinks", "cyan-flash-red-3"), Now);

        decision.Events.ShouldBe([new DeviceReportCorrected(TicketId, "three red blinks", null, "support", Now)]);
    }

    [Fact]
    public void A_correction_that_changes_nothing_appends_nothing()
    {
        var reported = PhotonReported();
        var decision = CorrectReport.Decide(Given(reported), Correct(reported.Symptom, reported.LedPattern), Now);

        decision.Refusal.ShouldBeNull();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void The_report_of_a_resolved_ticket_is_not_corrected()
    {
        var decision = CorrectReport.Decide(Given(PhotonReported(), Resolved()), Correct(ledPattern: "magenta"), Now);

        decision.Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_correction_naming_neither_symptom_nor_led_pattern_is_refused() =>
        Fields(Correct()).ShouldBe(["symptom"]);

    [Fact]
    public void A_led_pattern_outside_the_vocabulary_is_refused_and_a_known_one_is_valid()
    {
        Fields(Correct(ledPattern: "purple-disco")).ShouldBe(["LedPattern"]);
        Fields(Correct(ledPattern: "magenta")).ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_symptom_is_refused() => Fields(Correct(symptom: "")).ShouldBe(["Symptom"]);

    private static IEnumerable<string> Fields(CorrectReport command) =>
        new CorrectReportValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct();
}
