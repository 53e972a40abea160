using Marten;
using Marten.Services;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// Wakes the change streams of this node when one of its commits lands, so a watcher hears of it at once; commits on
/// other nodes reach them at their next poll. Every commit pulses: a stream that wakes for nothing costs one query.
/// </summary>
public sealed class TicketCommits : DocumentSessionListenerBase
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit; taken before a stream reads, so a commit landing meanwhile still wakes it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }
}
