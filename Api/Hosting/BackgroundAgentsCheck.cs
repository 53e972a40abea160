using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Ready needs this node's background work running: Wolverine's runtime (handlers, durable inbox and outbox, scheduled
/// messages) started, and no projection of the async daemon paused by failures where this node runs it. In HotCold mode
/// only the node holding the daemon's lock runs projections; the others have none to pause, which is as it should be.
/// A node with the Api role runs no daemon at all, and has no coordinator to ask.
/// </summary>
public sealed class BackgroundAgentsCheck(IWolverineRuntime wolverine, IServiceProvider services) : IHealthCheck
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
        var projections = services.GetService<IProjectionCoordinator>();
        return Task.FromResult(projections is not null && projections.DaemonForMainDatabase().HasAnyPaused()
            ? HealthCheckResult.Unhealthy("a projection of the async daemon is paused after failures")
            : HealthCheckResult.Healthy("running"));
    }
}
