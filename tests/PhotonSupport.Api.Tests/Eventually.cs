namespace PhotonSupport.Api.Tests;

/// <summary>Bounded polling for work the Api does in the background (a scheduled message, a subscription's relay).</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls until <paramref name="holds"/> is true, at most a minute; says what it waited for when it gives up.</summary>
    public static async Task UntilAsync(string what, Func<Task<bool>> holds, Func<string>? lastSeen = null)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await holds())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}." + (lastSeen is null ? "" : $" Last seen: {lastSeen()}"));
            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }
}
