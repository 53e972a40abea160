using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Workers.Reports;

/// <summary>
/// How one ticket went, as the failure report counts it: what the device showed, the cause last diagnosed,
/// how long it took to resolve (null while it is not resolved), and what the bench's jobs did.
/// </summary>
public sealed record TicketOutcome(
    Guid Id, string Reference, Platform Platform, string? LedPattern, string? Cause, DateTimeOffset ReportedAt,
    double? SecondsToResolve, IReadOnlyList<JobTally> Jobs)
{
    public TicketOutcome Counting(RecoveryJobKind kind, bool succeeded)
    {
        var tally = Jobs.SingleOrDefault(j => j.Kind == kind) ?? new JobTally(kind, 0, 0);
        var counted = succeeded ? tally with { Succeeded = tally.Succeeded + 1 } : tally with { Failed = tally.Failed + 1 };
        return this with { Jobs = [.. Jobs.Where(j => j.Kind != kind), counted] };
    }
}

public sealed record JobTally(RecoveryJobKind Kind, int Succeeded, int Failed);
