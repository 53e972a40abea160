using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Agents;

/// <summary>
/// The job an agent got. <see cref="ClaimId"/> is this claim's lock token: heartbeat, upload, download and
/// completion name it, and stop being accepted once the lease ran out and the job went back to the queue.
/// </summary>
public sealed record ClaimedJob(
    Guid JobId, Guid ClaimId, Guid TicketId, RecoveryJobKind Kind, string DeviceId, Platform Platform,
    IReadOnlyDictionary<string, string> Parameters, DateTimeOffset LeaseExpiresAt);
