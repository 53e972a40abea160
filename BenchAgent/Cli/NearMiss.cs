namespace PhotonSupport.BenchAgent.Cli;

/// <summary>"Did you mean": the known word a mistyped one is closest to, if it is close enough to be a slip.</summary>
public static class NearMiss
{
    /// <summary>
    /// The candidate within one edit (two for words over four letters), or that starts with the typed
    /// word (<c>--out</c> for <c>--output</c>); null when nothing is that close. An edit is an insertion,
    /// a deletion, a substitution or two neighbours swapped, the slips a hurried hand makes.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var tolerance = typed.TrimStart('-').Length > 4 ? 2 : 1;
        return candidates
            .Select(candidate => (candidate, distance: candidate.StartsWith(typed, StringComparison.Ordinal) && typed.TrimStart('-').Length >= 2 ? 0 : Distance(typed, candidate)))
            .Where(c => c.distance <= tolerance)
            .OrderBy(c => c.distance)
            .Select(c => c.candidate)
            .FirstOrDefault();
    }

    /// <summary>" (did you mean --device?)", or nothing.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } near ? $" (did you mean {near}?)" : "";

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
