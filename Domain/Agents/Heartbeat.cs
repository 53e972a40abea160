namespace PhotonSupport.Domain.Agents;

/// <summary>How far the device work is; the heartbeat also moves the lease on.</summary>
public sealed record HeartbeatRequest(int? ProgressPercent, string? Message);

/// <summary><see cref="Cancelled"/>: support cancelled the job, stop at the next block.</summary>
public sealed record HeartbeatAnswer(bool Cancelled, DateTimeOffset LeaseExpiresAt);
