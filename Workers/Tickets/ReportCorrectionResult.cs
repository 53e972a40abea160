using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Workers.Tickets;

/// <summary>What a report correction did to the ticket, and the recovery plan before and after it (empty without a diagnosis).</summary>
public sealed record ReportCorrectionResult(TicketCommandResult Ticket, IReadOnlyList<RecoveryJobKind> PlanBefore, IReadOnlyList<RecoveryJobKind> PlanAfter);
