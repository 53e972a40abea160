using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Jobs;

/// <summary>How long bench agents may hold jobs; bound from the <c>PhotonSupport:Jobs</c> section.</summary>
public sealed class JobOptions
{
    public const string Section = "PhotonSupport:Jobs";

    /// <summary>A claim lasts this long after the claim or the last heartbeat.</summary>
    [Positive("00:01:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Claims a job gets before a lost lease fails it for good.</summary>
    [WholeNumber(1)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest an agent's claim request waits for work.</summary>
    [Positive("00:00:30")]
    public TimeSpan MaxLongPoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A waiting claim looks at the queue again at least this often, for jobs that another node
    /// queued (the wake-up signal is per process).
    /// </summary>
    [Positive("00:00:02")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
