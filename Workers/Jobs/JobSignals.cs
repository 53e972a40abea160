namespace PhotonSupport.Workers.Jobs;

/// <summary>
/// Wakes every claim that is waiting for work in this process when a job becomes claimable,
/// so a queued job reaches a long-polling agent at once rather than at its next poll.
/// </summary>
public sealed class JobSignals
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>
    /// Completes at the next pulse. Take it before looking at the queue: a pulse that lands between
    /// the look and the wait then still wakes the waiter.
    /// </summary>
    public Task NextPulse => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
