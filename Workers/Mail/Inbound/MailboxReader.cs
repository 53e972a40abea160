using Microsoft.Extensions.DependencyInjection;
using JasperFx;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// The mailbox's reader as a Wolverine agent: IMAP has no locks, so two readers would both move one mail. Wolverine's
/// elected leader places the one agent on one node that reads mail (<see cref="PhotonSupport.Workers.Hosting.NodeOptions.RunsBackgroundWork"/>),
/// and moves it to another when that node's heartbeat goes stale. Every node registers the family, so whichever leads knows it.
/// </summary>
public sealed class MailboxReader(IServiceProvider services, bool readsHere) : IStaticAgentFamily, IAgent
{
    private static readonly Uri Agent = new("photonsupport-mailbox://inbox");

    private InboundMailWorker? _worker;

    public string Scheme => Agent.Scheme;

    public Uri Uri => Agent;

    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

    public ValueTask<IReadOnlyList<Uri>> AllKnownAgentsAsync() => ValueTask.FromResult<IReadOnlyList<Uri>>([Agent]);

    /// <summary>What this node advertises to the leader: an Api-only node can't be given the mailbox.</summary>
    public ValueTask<IReadOnlyList<Uri>> SupportedAgentsAsync() => ValueTask.FromResult<IReadOnlyList<Uri>>(readsHere ? [Agent] : []);

    public ValueTask<IAgent> BuildAgentAsync(Uri uri, IWolverineRuntime wolverineRuntime) => ValueTask.FromResult<IAgent>(this);

    /// <summary>Keeps the reader where it runs while that node lives; otherwise the first live node that reads mail, or nowhere.</summary>
    public ValueTask EvaluateAssignmentsAsync(AssignmentGrid assignments)
    {
        var agent = assignments.AgentFor(Agent);
        if (agent.IsPaused || agent.AssignedNode?.Capabilities.Contains(Agent) == true) return ValueTask.CompletedTask;
        var capable = assignments.Nodes.Where(n => n.Capabilities.Contains(Agent)).OrderBy(n => n.AssignedId).FirstOrDefault();
        if (capable is null) agent.Detach();
        else capable.Assign(agent);
        return ValueTask.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A fresh worker per assignment: its cursor comes from the database, nothing from a previous turn here.
        _worker = ActivatorUtilities.CreateInstance<InboundMailWorker>(services);
        await _worker.StartAsync(cancellationToken);
        Status = AgentStatus.Running;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            await worker.StopAsync(cancellationToken);
            worker.Dispose();
            _worker = null;
        }
        Status = AgentStatus.Stopped;
    }
}
