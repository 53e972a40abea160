using System.Net;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Hosting;
using Wolverine;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Issue 19's schema: the Migrations console applies and checks it, a Production host never changes it and refuses a
/// database that is not current, and the SQL checked in under Migrations/sql creates exactly what the code expects.
/// Each test has a database of its own, empty until the test says otherwise.
/// </summary>
public sealed class MigratingTheSchema(ApiFixture api)
{
    private const string ApplyCommand = "dotnet run --project Migrations -- apply";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checking_an_empty_database_fails_and_names_what_is_missing_and_the_command_that_applies_it()
    {
        var database = await EmptyDatabaseAsync();

        var (exit, output) = await MigrationsAsync(database, "check");

        exit.ShouldBe(1);
        output.ShouldContain(ApplyCommand);
        // Marten's events, one of our own tables, the search vectors' trigger, Wolverine's envelopes.
        output.ShouldContain("photonsupport.mt_events (missing)");
        output.ShouldContain("photonsupport.backup_images (missing)");
        output.ShouldContain("photonsupport.ticket_search_vector (missing)");
        output.ShouldContain("wolverine.wolverine_incoming_envelopes (missing)");
    }

    [Fact]
    public async Task After_apply_the_check_passes()
    {
        var database = await EmptyDatabaseAsync();

        var (applied, applyOutput) = await MigrationsAsync(database, "apply");
        var (exit, output) = await MigrationsAsync(database, "check");

        applied.ShouldBe(0, applyOutput);
        exit.ShouldBe(0, output);
        output.ShouldContain("the schema is current");
    }

    [Fact]
    public async Task A_Production_Api_on_an_empty_database_refuses_to_start_naming_the_command_and_creates_nothing()
    {
        var database = await EmptyDatabaseAsync();

        await using var apiProcess = ProgramProcess.Api(ProductionSettings(database));
        using var patience = new CancellationTokenSource(Patience);
        var exit = await apiProcess.ExitCodeAsync(patience.Token);

        exit.ShouldNotBe(0);
        string.Join(Environment.NewLine, apiProcess.Output).ShouldContain(ApplyCommand);
        (await TableCountAsync(database)).ShouldBe(0);
    }

    [Fact]
    public async Task The_keys_command_in_Production_refuses_an_empty_database_naming_the_command_and_creates_nothing()
    {
        var database = await EmptyDatabaseAsync();

        await using var keys = ProgramProcess.Api(new Dictionary<string, string> { [PhotonSupportWiring.ConnectionStringVariable] = database }, "keys", "list");
        using var patience = new CancellationTokenSource(Patience);
        var exit = await keys.ExitCodeAsync(patience.Token);

        exit.ShouldBe(1);
        string.Join(Environment.NewLine, keys.Output).ShouldContain(ApplyCommand);
        (await TableCountAsync(database)).ShouldBe(0);
    }

    [Fact]
    public async Task A_Production_Api_starts_on_a_database_the_migrations_applied()
    {
        var database = await EmptyDatabaseAsync();
        await SchemaMigrations.ApplyAsync(database);

        await using var app = ApiHost.Build(ProductionSettings(database));
        await app.StartAsync(Cancellation);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        (await client.GetAsync("/health", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Production", AutoCreate.None)]
    [InlineData(GeneratedCode.TestingEnvironment, AutoCreate.CreateOrUpdate)]
    [InlineData("Development", AutoCreate.CreateOrUpdate)]
    public void Only_Production_hosts_are_built_never_to_create_or_alter_the_schema(string environment, AutoCreate expected)
    {
        using var app = ApiHost.Build([$"--environment={environment}", $"--ConnectionStrings:{PhotonSupportWiring.ConnectionStringName}=Host=unused.invalid"]);

        app.Services.GetRequiredService<StoreOptions>().AutoCreateSchemaObjects.ShouldBe(expected);
        app.Services.GetRequiredService<WolverineOptions>().AutoBuildMessageStorageOnStartup.ShouldBe(expected);
    }

    [Fact]
    public async Task The_checked_in_SQL_creates_the_schema_the_code_expects()
    {
        var database = await EmptyDatabaseAsync();
        var scripts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "sql"), "*.sql").Order(StringComparer.Ordinal).ToList();
        scripts.ShouldNotBeEmpty();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Cancellation);
            foreach (var script in scripts)
            {
                await using var run = new NpgsqlCommand(await File.ReadAllTextAsync(script, Cancellation), connection);
                await run.ExecuteNonQueryAsync(Cancellation);
            }
        }

        var (exit, output) = await MigrationsAsync(database, "check");

        if (exit != 0)
        {
            // The script that is missing, written as the developer would write it, so the failure shows it.
            var missing = Path.Combine(Path.GetTempPath(), $"photonsupport-next-{Guid.NewGuid():N}.sql");
            await MigrationsAsync(database, "script", missing);
            Assert.Fail(
                $"The code's schema differs from what Migrations/sql/ creates ({scripts.Count} scripts):{Environment.NewLine}{output}{Environment.NewLine}" +
                "Check in the difference as the next script: on a database holding the scripts so far, run " +
                $"`dotnet run --project Migrations -- script Migrations/sql/{scripts.Count + 1:0000}_what_changed.sql` " +
                $"(see Migrations/README.md). What it would write is in {missing}:{Environment.NewLine}{await File.ReadAllTextAsync(missing, Cancellation)}");
        }
    }

    private Task<string> EmptyDatabaseAsync() => api.CreateDatabaseAsync($"photonsupport_schema_{Guid.NewGuid():N}");

    private static string[] ProductionSettings(string database) =>
    [
        "--urls=http://127.0.0.1:0", $"--ConnectionStrings:{PhotonSupportWiring.ConnectionStringName}={database}", "--environment=Production",
        .. TestVaultKeys.Settings,
    ];

    private static async Task<(int Exit, string Output)> MigrationsAsync(string database, params string[] arguments)
    {
        await using var migrations = ProgramProcess.Migrations(database, arguments);
        using var patience = new CancellationTokenSource(Patience);
        var exit = await migrations.ExitCodeAsync(patience.Token);
        return (exit, string.Join(Environment.NewLine, migrations.Output));
    }

    private static async Task<long> TableCountAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancellation);
        await using var count = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema in ('photonsupport', 'wolverine')", connection);
        return (long)(await count.ExecuteScalarAsync(Cancellation))!;
    }
}
