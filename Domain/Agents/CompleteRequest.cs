using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Domain.Agents;

/// <summary>How a job ended, as the agent reports it.</summary>
public sealed record CompleteRequest(JobOutcome? Outcome, string? Details, JobResult? Result);
