namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// The report was put right: a null field was not corrected and keeps what it said. A new LED pattern comes with
/// the diagnosis the table gives for it (<see cref="DiagnosisRecorded"/>) in the same append.
/// </summary>
public sealed record DeviceReportCorrected(Guid TicketId, string? Symptom, string? LedPattern, string CorrectedBy, DateTimeOffset CorrectedAt) : ITicketEvent
{
    string ITicketEvent.Actor => CorrectedBy;
    DateTimeOffset ITicketEvent.OccurredAt => CorrectedAt;
}
