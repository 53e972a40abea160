using Marten;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;

namespace PhotonSupport.Api.Agents;

/// <summary>Finds the lease of the claim an agent names; an agent may act only through its current claim.</summary>
public static class HeldJob
{
    public static async Task<(JobLease? Lease, IResult? Refused)> FindAsync(
        IQuerySession session, Guid jobId, Guid claimId, AgentCaller caller, CancellationToken cancellation)
    {
        var lease = await session.LoadAsync<JobLease>(jobId, cancellation);
        if (lease is null) return (null, ProblemResults.NotFound($"No agent has ever claimed job {jobId}."));
        if (lease.ClaimId != claimId) return (null, Refused(TicketGuards.ClaimLost(jobId, claimId)));
        if (lease.AgentId != caller.KeyId)
            return (null, Refused(Decision.Refuse(TicketRules.JobNotHeld, "The job is not yours", $"Job {jobId} is held by another agent key.")));
        return (lease, null);
    }

    public static IResult Refused(Decision refused) => Results.Problem(ProblemResults.Refused(refused.Refusal!));
}
