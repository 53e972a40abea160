using JasperFx.Events;
using Marten.Events.Aggregation;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Reports;

/// <summary>
/// Keeps one <see cref="TicketOutcome"/> per ticket, so the failure report groups rows instead of reading events.
/// Async: the report may wait for it (<see cref="ReadModels.ProjectionFreshness"/>), ticket commands never do.
/// </summary>
public sealed class TicketOutcomeProjection : SingleStreamProjection<TicketOutcome, Guid>
{
    public const string ProjectionName = "TicketOutcome";

    public TicketOutcomeProjection()
    {
        Name = ProjectionName;
    }

    public override TicketOutcome? Evolve(TicketOutcome? outcome, Guid id, IEvent e) => (outcome, e.Data) switch
    {
        // UTC: Npgsql writes only offset 0 to the timestamptz column the report filters on.
        (_, DeviceReported r) => new TicketOutcome(
            id, r.Reference, r.Platform, r.LedPattern, Cause: null, r.ReportedAt.ToUniversalTime(), SecondsToResolve: null, Jobs: []),
        // The corrected pattern is the one the owner saw; the failure counts under it.
        ({ } o, DeviceReportCorrected { LedPattern: { } led }) => o with { LedPattern = led },
        // The latest diagnosis is the one the case was worked on.
        ({ } o, DiagnosisRecorded d) => o with { Cause = d.Cause },
        ({ } o, RecoveryJobSucceeded s) => o.Counting(s.Kind, succeeded: true),
        ({ } o, RecoveryJobFailed f) => o.Counting(f.Kind, succeeded: false),
        // After its last attempt a job whose holder went silent has failed, with no RecoveryJobFailed of its own.
        ({ } o, RecoveryJobLeaseExpired { Requeued: false } x) => o.Counting(x.Kind, succeeded: false),
        // Time to the latest resolution: a reopened case counts as unresolved until it is resolved again.
        ({ } o, TicketResolved r) => o with { SecondsToResolve = (r.ResolvedAt - o.ReportedAt).TotalSeconds },
        ({ } o, TicketReopened) => o with { SecondsToResolve = null },
        _ => outcome,
    };
}
