namespace PhotonSupport.BenchAgent.Agent;

public static class Backoff
{
    /// <summary>Doubles the pause, up to <paramref name="max"/>: an Api that is down is not hammered.</summary>
    public static TimeSpan Next(TimeSpan current, TimeSpan max) => current * 2 < max ? current * 2 : max;

    /// <summary>
    /// The pause to actually wait: <paramref name="pause"/> give or take a quarter, so benches that lost the
    /// Api together (a restart, a network blip) come back spread out rather than in one burst.
    /// </summary>
    public static TimeSpan Jittered(TimeSpan pause, Random? random = null) => pause * (0.75 + 0.5 * (random ?? Random.Shared).NextDouble());
}
