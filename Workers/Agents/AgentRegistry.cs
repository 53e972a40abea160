using Marten;

namespace PhotonSupport.Workers.Agents;

/// <summary>Keeps <see cref="AgentStatus"/> current as agents call in; the caller's session commits it.</summary>
public static class AgentRegistry
{
    /// <summary>
    /// The agent called at <paramref name="now"/>, working on <paramref name="currentJobId"/> (null: nothing).
    /// A claim says which devices are attached; other calls keep what the last claim said.
    /// </summary>
    public static async Task SeenAsync(IDocumentSession session, string agentId, DateTimeOffset now, Guid? currentJobId,
        IReadOnlyList<AttachedDevice>? attached, CancellationToken cancellation)
    {
        var devices = attached ?? (await session.LoadAsync<AgentStatus>(agentId, cancellation))?.AttachedDevices ?? [];
        session.Store(new AgentStatus { Id = agentId, LastSeenAt = now, AttachedDevices = [.. devices], CurrentJobId = currentJobId });
    }
}
