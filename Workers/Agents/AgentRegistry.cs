using Marten;

namespace PhotonSupport.Workers.Agents;

/// <summary>Keeps <see cref="AgentStatus"/> current as agents call in; the caller's session commits it.</summary>
public static class AgentRegistry
{
    /// <summary>
    /// The agent called at <paramref name="now"/>, working on <paramref name="currentJobId"/> (null: nothing).
    /// A claim says which devices are attached; other calls keep what the last claim said.
    /// </summary>
    public static async Task SeenAsync(IDocumentSession session, string agentId, string name, DateTimeOffset now, Guid? currentJobId,
        IReadOnlyList<AttachedDevice>? attached, CancellationToken cancellation)
    {
        var devices = attached ?? (await session.LoadAsync<AgentStatus>(agentId, cancellation))?.AttachedDevices ?? [];
        session.Store(Status(agentId, name, now, currentJobId, devices));
    }

    public static AgentStatus Status(string agentId, string name, DateTimeOffset now, Guid? currentJobId, IReadOnlyList<AttachedDevice> attached) =>
        new() { Id = agentId, Name = name, LastSeenAt = now, AttachedDevices = [.. attached], CurrentJobId = currentJobId };

    /// <summary>The agent's job ended; it keeps its name and devices and works on nothing.</summary>
    public static async Task FinishedAsync(IDocumentSession session, string agentId, DateTimeOffset now, CancellationToken cancellation)
    {
        if (await session.LoadAsync<AgentStatus>(agentId, cancellation) is not { } status) return;
        status.LastSeenAt = now;
        status.CurrentJobId = null;
        session.Store(status);
    }
}
