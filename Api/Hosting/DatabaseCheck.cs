using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhotonSupport.Api.Hosting;

/// <summary>Ready needs PostgreSQL to answer a query now, on a connection from the pool requests use.</summary>
public sealed class DatabaseCheck(IDocumentStore store) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation = default)
    {
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellation);
            await using var command = connection.CreateCommand();
            command.CommandText = "select 1";
            await command.ExecuteScalarAsync(cancellation);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", e);
        }
    }
}
