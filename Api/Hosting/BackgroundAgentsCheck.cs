using JasperFx.Events.Daemon;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Ready needs this node's background work running: Wolverine's runtime (handlers, durable inbox and outbox, scheduled
/// messages) started, and, where this node runs the async projections, none of them paused by failures. In HotCold
/// mode one node at a time holds the daemon's lock and runs them; the answer says whether that is this node, so an
/// operator reading the nodes' ready answers sees where the projections are (and that exactly one has them). A node
/// with the Api role runs no daemon and has no coordinator to ask.
/// </summary>
public sealed class BackgroundAgentsCheck(IWolverineRuntime wolverine, IServiceProvider services) : IHealthCheck
{
    public const string Name = "background";
    public const string ProjectionsHere = "running; the async projections run on this node";
    public const string ProjectionsElsewhere = "running; the async projections run on another node";
    public const string NoProjections = "running; no async projections on an Api node";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (wolverine.Cancellation.IsCancellationRequested) return HealthCheckResult.Unhealthy("Wolverine's runtime is stopping");
        try
        {
            wolverine.AssertHasStarted();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Wolverine's runtime has not started", e);
        }
        if (services.GetService<IProjectionCoordinator>() is not { } coordinator) return HealthCheckResult.Healthy(NoProjections);
        var daemon = coordinator.DaemonForMainDatabase();
        if (daemon.HasAnyPaused()) return HealthCheckResult.Unhealthy("a projection of the async daemon is paused after failures");
        if (!daemon.IsRunning) return HealthCheckResult.Healthy(ProjectionsElsewhere);
        // Marten's watchdog restarts a wedged high-water loop; until it has, the projections here stand still.
        return daemon.IsHighWaterStale
            ? HealthCheckResult.Degraded("the async daemon's high-water detection has stalled and is being restarted")
            : HealthCheckResult.Healthy(ProjectionsHere);
    }
}
