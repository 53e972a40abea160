using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Ready needs the database's schema to be the one this build's configuration describes (Marten's documents, events
/// and projections, Wolverine's envelope tables, ours). Comparing it reads the catalog table by table, too much for every
/// probe; a schema found current stays current while this process runs (only a migration of a newer build changes it,
/// and that build's nodes are the ones to ask), so it is compared until it matches once.
/// </summary>
public sealed class SchemaCheck(IDocumentStore store) : IHealthCheck
{
    public const string Name = "schema";

    private volatile bool _current;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation = default)
    {
        if (_current) return Current;
        try
        {
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(cancellation);
            _current = true;
            return Current;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("not checked: PostgreSQL does not answer", e);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("the database's schema differs from this build's: apply the migration", e);
        }
    }

    private static HealthCheckResult Current => HealthCheckResult.Healthy("current");
}
