using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Hosting;

/// <summary>What a node of a cluster does beside serving requests.</summary>
public enum NodeRole
{
    /// <summary>Requests and background work: the single node <c>./run.sh</c> starts.</summary>
    All,

    /// <summary>Requests only: no projections, no mailbox, no scheduled or recovered messages.</summary>
    Api,

    /// <summary>Background work: the headless <c>Workers</c> host.</summary>
    Workers,
}

/// <summary>
/// A node's part in a cluster on one database and the timings that bound a takeover when a node dies; bound from the
/// <c>PhotonSupport:Node</c> section. Who runs what is decided by Marten's and Wolverine's leader elections, never here.
/// </summary>
public sealed class NodeOptions : IValidatableObject
{
    public const string Section = "PhotonSupport:Node";

    public NodeRole Role { get; set; } = NodeRole.All;

    /// <summary>
    /// How often a node without the async daemon tries Marten's advisory lock (<c>DaemonSettings.LeadershipPollingTime</c>):
    /// the longest the projections stand still after the node running them dies.
    /// </summary>
    [Positive("00:00:05")]
    public TimeSpan ProjectionLeadershipPolling { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wolverine's heartbeat and assignment pass (<c>Durability.HealthCheckPollingTime</c>, Wolverine's default).</summary>
    [Positive("00:00:10")]
    public TimeSpan HealthCheckPolling { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A node whose heartbeat is this old is dead to Wolverine (<c>Durability.StaleNodeTimeout</c>, Wolverine's default):
    /// its agents (the mailbox reader, the durability agent with the scheduled messages) move to a live node then.
    /// </summary>
    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Projections, the mailbox, scheduled messages and recovery may run here.</summary>
    public bool RunsBackgroundWork => Role != NodeRole.Api;

    /// <summary>The bound settings; a time that is not positive, or a stale timeout a heartbeat can't beat, is refused at startup, naming the setting.</summary>
    public static NodeOptions From(IConfiguration configuration) => SettingsCheck.Read<NodeOptions>(configuration, Section);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        // Two missed heartbeats must not make a live node look dead on a loaded machine.
        if (StaleNodeTimeout < 2 * HealthCheckPolling)
            yield return new ValidationResult(
                $"must be at least twice {Section}:{nameof(HealthCheckPolling)} ({HealthCheckPolling}); it is {StaleNodeTimeout}.",
                [nameof(StaleNodeTimeout)]);
    }
}
