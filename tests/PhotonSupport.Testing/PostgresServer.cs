using System.Text.RegularExpressions;
using Npgsql;

namespace PhotonSupport.Testing;

/// <summary>
/// A PostgreSQL server for tests. Either the one named by <c>PHOTONSUPPORT_TEST_PG</c>
/// (used as-is, never stopped), or a throwaway cluster in a temp directory on a free port,
/// started and stopped through <c>deploy/local/postgres.sh</c> so tests and local runs
/// share one way of running PostgreSQL (including the root / postgres-user handling).
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "PHOTONSUPPORT_TEST_PG";

    /// <summary>Throwaway clusters trade durability for speed (see postgres.sh).</summary>
    private static readonly Dictionary<string, string> Ephemeral = new() { ["PHOTONSUPPORT_PG_EPHEMERAL"] = "1" };


    // Set only when this instance owns a cluster.
    private readonly string? _tempDir;
    private readonly string? _script;

    private PostgresServer(string connectionString, string? tempDir, string? script)
    {
        ConnectionString = connectionString;
        _tempDir = tempDir;
        _script = script;
    }

    /// <summary>Connection string of the server's default database (photonsupport).</summary>
    public string ConnectionString { get; }

    /// <summary>A throwaway cluster that trades durability for speed, as tests want.</summary>
    public static Task<PostgresServer> StartAsync() => StartAsync(Ephemeral);

    /// <summary>
    /// A throwaway cluster with PostgreSQL's durable defaults (fsync, synchronous commit, full page writes),
    /// as production runs: what the benchmarks measure against.
    /// </summary>
    public static Task<PostgresServer> StartDurableAsync() => StartAsync(environment: null);

    private static async Task<PostgresServer> StartAsync(IReadOnlyDictionary<string, string>? environment)
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, tempDir: null, script: null);
        }

        // The build copies deploy/local/postgres.sh beside the test binaries (PhotonSupport.Testing.csproj).
        var script = LocalScript.Path("postgres.sh");
        var tempDir = LocalScript.ServiceFolder("photonsupport-pg-");
        var dataDir = Path.Combine(tempDir, "data");

        try
        {
            // The free port can be taken between our probe and PostgreSQL's bind; a retry
            // with another port reuses the already initialized data directory.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var stdout = await LocalScript.RunAsync(script, environment, "start", dataDir, LocalScript.FreePort().ToString());
                    var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (lines.Length == 0)
                    {
                        throw new InvalidOperationException($"{script} start printed no connection string.");
                    }
                    return new PostgresServer(lines[^1], tempDir, script);
                }
                catch (LocalScriptException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            try
            {
                await StopAndDeleteAsync(script, tempDir);
            }
            catch (Exception)
            {
                // Keep the start failure, which says what went wrong.
            }
            throw;
        }
    }

    /// <summary>
    /// Creates a fresh, empty database (dropping any existing one of that name) and returns
    /// its connection string, so each test class or fixture can work in isolation.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Database name '{name}' must be lower-case letters, digits and '_', starting with a letter or '_', at most 63 characters.",
                nameof(name));
        }

        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        if (string.Equals(admin.Database, name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is the server's own database; choose another name.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            // Names are validated above, so plain interpolation is safe (identifiers cannot be parameters).
            await DropAsync(connection, name);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops the database, closing its connections. An autovacuum worker in it belongs to the superuser, which our role
    /// may not terminate (42501): it finishes in moments, so the drop is tried again a few times before that is an error.
    /// </summary>
    private static async Task DropAsync(NpgsqlConnection connection, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>Stops this instance's own cluster, keeping its data, as an outage would; <see cref="StartAgainAsync"/> brings it back.</summary>
    public Task StopAsync() => LocalScript.RunAsync(OwnScript, Ephemeral, "stop", Path.Combine(_tempDir!, "data"));

    /// <summary>Starts the stopped cluster again on the port its connection string names, with its data as it was.</summary>
    public Task StartAgainAsync() =>
        LocalScript.RunAsync(OwnScript, Ephemeral, "start", Path.Combine(_tempDir!, "data"), new NpgsqlConnectionStringBuilder(ConnectionString).Port.ToString());

    /// <summary>A server named by <c>PHOTONSUPPORT_TEST_PG</c> is shared, not ours to stop.</summary>
    public bool IsOwn => _script is not null;

    private string OwnScript => _script ?? throw new InvalidOperationException($"The server named by {ExternalServerVariable} is not this test's to stop or start.");

    public async ValueTask DisposeAsync()
    {
        if (_tempDir is not null && _script is not null)
        {
            // Pooled connections to a stopped server would only fail later; drop them now.
            NpgsqlConnection.ClearAllPools();
            await StopAndDeleteAsync(_script, _tempDir);
        }
    }

    private static async Task StopAndDeleteAsync(string script, string tempDir)
    {
        try
        {
            await LocalScript.RunAsync(script, Ephemeral, "stop", Path.Combine(tempDir, "data"));
        }
        finally
        {
            Directory.Delete(tempDir, recursive: true);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}

