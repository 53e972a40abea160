namespace PhotonSupport.Benchmarks;

/// <summary>
/// Runs a figure and its baselines in turns, round after round, each round adding to each one's samples: load
/// from elsewhere on a shared machine then falls on all of them alike instead of on whichever ran at the time.
/// </summary>
public static class Rounds
{
    /// <summary>A turn of each as the warm-up, then <paramref name="rounds"/> measured turns; the samples of each, in the order given.</summary>
    public static async Task<IReadOnlyList<double>[]> InTurnsAsync(int rounds, params Func<Task<IReadOnlyList<double>>>[] measures)
    {
        foreach (var warmUp in measures) await warmUp();
        var samples = measures.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < measures.Length; i++)
                samples[i].AddRange(await measures[i]());
        return samples;
    }
}
