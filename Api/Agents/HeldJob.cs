using Marten;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;

namespace PhotonSupport.Api.Agents;

/// <summary>Finds the lease an agent holds on a job; an agent may act only on jobs it holds.</summary>
public static class HeldJob
{
    public static async Task<(JobLease? Lease, IResult? Refused)> FindAsync(IQuerySession session, Guid jobId, HttpContext http, CancellationToken cancellation)
    {
        var lease = await session.LoadAsync<JobLease>(jobId, cancellation);
        if (lease is null) return (null, ProblemResults.NotFound($"No agent has ever claimed job {jobId}."));
        if (lease.AgentId != Actors.Of(http))
            return (null, Results.Problem(ProblemResults.Refused(new Refusal(TicketRules.JobNotHeld, "The job is not yours",
                $"Job {jobId} is held by another agent."))));
        return (lease, null);
    }
}
