namespace PhotonSupport.BenchAgent.Agent;

public static class Backoff
{
    /// <summary>Doubles the pause, up to <paramref name="max"/>: an Api that is down is not hammered.</summary>
    public static TimeSpan Next(TimeSpan current, TimeSpan max) => current * 2 < max ? current * 2 : max;
}
