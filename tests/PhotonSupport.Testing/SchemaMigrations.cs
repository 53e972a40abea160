namespace PhotonSupport.Testing;

/// <summary>
/// The schema step an operator takes before starting a Production host (which never creates the schema itself):
/// the Migrations console's <c>apply</c>, as its own process. Test projects that use it reference the Migrations project,
/// so its program is built beside theirs.
/// </summary>
public static class SchemaMigrations
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task ApplyAsync(string database)
    {
        await using var apply = ProgramProcess.Migrations(database, "apply");
        using var patience = new CancellationTokenSource(Patience);
        var exit = await apply.ExitCodeAsync(patience.Token);
        if (exit != 0)
            throw new InvalidOperationException($"Migrations apply exited {exit}:{Environment.NewLine}{string.Join(Environment.NewLine, apply.Output)}");
    }
}
