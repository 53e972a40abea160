using PhotonSupport.BenchAgent.Agent;

namespace PhotonSupport.BenchAgent.Tests.Agent;

public class BackoffTests
{
    [Fact]
    public void The_pause_doubles_until_the_ceiling()
    {
        var pauses = new List<TimeSpan> { TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 6; i++) pauses.Add(Backoff.Next(pauses[^1], TimeSpan.FromSeconds(30)));

        pauses.Select(p => p.TotalSeconds).ShouldBe([1, 2, 4, 8, 16, 30, 30]);
    }

    [Fact]
    public void Benches_waiting_the_same_pause_wait_a_quarter_either_side_of_it_not_all_alike()
    {
        var random = new Random(7);

        var waits = Enumerable.Range(0, 200).Select(_ => Backoff.Jittered(TimeSpan.FromSeconds(8), random)).ToArray();

        waits.ShouldAllBe(w => w >= TimeSpan.FromSeconds(6) && w < TimeSpan.FromSeconds(10));
        waits.Min().ShouldBeLessThan(TimeSpan.FromSeconds(7));
        waits.Max().ShouldBeGreaterThan(TimeSpan.FromSeconds(9));
    }
}
