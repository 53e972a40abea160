using System.Runtime.InteropServices;
using Npgsql;

namespace PhotonSupport.Benchmarks;

/// <summary>What the figures were measured on; PostgreSQL's durability settings included, since they set the floor.</summary>
public sealed record Machine(int Cores, string Os, string Dotnet, string Postgres, string Fsync, string SynchronousCommit)
{
    public static async Task<Machine> DescribeAsync(string? connectionString)
    {
        var (postgres, fsync, synchronousCommit) = ("not started", "-", "-");
        if (connectionString is not null)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            postgres = (string)(await new NpgsqlCommand("show server_version", connection).ExecuteScalarAsync())!;
            fsync = (string)(await new NpgsqlCommand("show fsync", connection).ExecuteScalarAsync())!;
            synchronousCommit = (string)(await new NpgsqlCommand("show synchronous_commit", connection).ExecuteScalarAsync())!;
        }
        return new Machine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            postgres, fsync, synchronousCommit);
    }

    public override string ToString() =>
        $"{Cores} cores, {Os}, {Dotnet}, PostgreSQL {Postgres} (fsync {Fsync}, synchronous_commit {SynchronousCommit})";
}
