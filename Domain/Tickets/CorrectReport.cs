using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// Put the report right: the symptom, the LED pattern, or both. A changed LED pattern is diagnosed again from the
/// table, as an open does, so the plan follows what the device really shows. Only what differs from the report is
/// recorded; a correction that changes nothing appends nothing.
/// </summary>
public sealed record CorrectReport(Guid TicketId, string? Symptom, string? LedPattern, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, CorrectReport command, DateTimeOffset now)
    {
        if (TicketGuards.RefuseIfResolved(ticket, "correct its report") is { } resolved) return resolved;
        var symptom = command.Symptom is { } s && s != ticket.Symptom ? s : null;
        var ledPattern = command.LedPattern is { } p && p != ticket.LedPattern ? p : null;
        if (symptom is null && ledPattern is null) return Decision.Accept();

        var corrected = new DeviceReportCorrected(ticket.Id, symptom, ledPattern, command.Actor, now);
        return ledPattern is null
            ? Decision.Accept(corrected)
            : Decision.Accept(corrected, DiagnosisRecorded.FromLedPattern(ticket.Id, ticket.Platform, ledPattern, now));
    }
}

public sealed class CorrectReportValidator : AbstractValidator<CorrectReport>
{
    public CorrectReportValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c).Must(c => c.Symptom is not null || c.LedPattern is not null).OverridePropertyName("symptom")
            .WithMessage("Give 'symptom', 'ledPattern' or both: a correction says what was wrong.");
        RuleFor(c => c.Symptom!).RequiredText().When(c => c.Symptom is not null);
        RuleFor(c => c.LedPattern).KnownLedPattern().When(c => c.LedPattern is not null);
    }
}
