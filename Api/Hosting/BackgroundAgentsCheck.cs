using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Ready needs this node's background work running: Wolverine's runtime (handlers, durable inbox and outbox, scheduled
/// messages) started, and no projection of the async daemon paused by failures where this node runs it. In HotCold mode
/// only the node holding the daemon's lock runs projections; the others have none to pause, which is as it should be.
/// </summary>
public sealed class BackgroundAgentsCheck(IWolverineRuntime wolverine, IProjectionCoordinator projections) : IHealthCheck
{
    public const string Name = "background";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation = default)
    {
        if (wolverine.Cancellation.IsCancellationRequested)
            return Task.FromResult(HealthCheckResult.Unhealthy("Wolverine's runtime is stopping"));
        try
        {
            wolverine.AssertHasStarted();
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Wolverine's runtime has not started", e));
        }
        return Task.FromResult(projections.DaemonForMainDatabase().HasAnyPaused()
            ? HealthCheckResult.Unhealthy("a projection of the async daemon is paused after failures")
            : HealthCheckResult.Healthy("running"));
    }
}
