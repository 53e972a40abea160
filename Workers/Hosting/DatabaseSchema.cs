using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Mail;
using Weasel.Core;
using Weasel.Core.Migrations;

namespace PhotonSupport.Workers.Hosting;

/// <summary>
/// The complete schema a host expects, in every database it uses: Marten's (documents, events, and our own tables,
/// sequences, functions and triggers, all registered with Marten's storage) and Wolverine's (envelopes, nodes,
/// scheduled messages). Found as JasperFx's <c>db-*</c> commands find them, so nothing is left out.
/// </summary>
public static class DatabaseSchema
{
    /// <summary>What an operator runs to bring a database up to this version; a host that refuses to start names it.</summary>
    public const string ApplyCommand = "dotnet run --project Migrations -- apply";

    /// <summary>The same, for a published build (the Migrations console's own executable).</summary>
    public const string PublishedApplyCommand = "PhotonSupport.Migrations apply";

    public static async Task<IReadOnlyList<IDatabase>> DatabasesAsync(IServiceProvider services)
    {
        var databases = services.GetServices<IDatabase>().ToList();
        foreach (var source in services.GetServices<IDatabaseSource>()) databases.AddRange(await source.BuildDatabases());
        return databases.Distinct().ToList();
    }

    /// <summary>What each database lacks or has different from the code; empty when the schema is current.</summary>
    public static async Task<IReadOnlyList<PendingSchemaChange>> PendingAsync(IServiceProvider services, CancellationToken cancellation)
    {
        var pending = new List<PendingSchemaChange>();
        foreach (var database in await DatabasesAsync(services))
        {
            var migration = await database.CreateMigrationAsync(cancellation);
            if (migration.Difference != SchemaPatchDifference.None) pending.Add(new PendingSchemaChange(database, migration));
        }
        return pending;
    }

    /// <summary>Throws <see cref="SchemaNotCurrentException"/>, naming what differs and the command that fixes it, unless the schema is current.</summary>
    public static async Task AssertCurrentAsync(IServiceProvider services, CancellationToken cancellation)
    {
        var pending = await PendingAsync(services, cancellation);
        if (pending.Count > 0) throw new SchemaNotCurrentException(Objects(pending).ToList());
    }

    /// <summary>
    /// What a host does with the schema as it starts, for a command's host that never starts (<c>keys …</c>): in
    /// Production it only checks it, elsewhere it brings it up to date.
    /// </summary>
    public static Task PrepareAsync(IServiceProvider services, CancellationToken cancellation) =>
        services.GetRequiredService<IHostEnvironment>().IsProduction() ? AssertCurrentAsync(services, cancellation) : ApplyAsync(services, cancellation);

    /// <summary>
    /// Creates what is missing and alters what differs, whatever the host's own AutoCreate says; then files what an
    /// older version kept elsewhere into what this one reads (<see cref="SentMailBackfill"/>).
    /// </summary>
    public static async Task ApplyAsync(IServiceProvider services, CancellationToken cancellation)
    {
        foreach (var database in await DatabasesAsync(services))
            await database.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate, ct: cancellation);
        await SentMailBackfill.RunAsync(services.GetRequiredService<IDocumentStore>(), cancellation);
    }

    /// <summary>The SQL <see cref="ApplyAsync"/> would run for <paramref name="pending"/>.</summary>
    public static void WriteScript(IEnumerable<PendingSchemaChange> pending, TextWriter writer)
    {
        foreach (var (database, migration) in pending)
        {
            // Wolverine's migration leaves out the creation of its schema (its store creates it apart), so every script does it.
            database.Migrator.WriteSchemaCreationSql(database.AllSchemaNames(), writer);
            migration.WriteAllUpdates(writer, database.Migrator, AutoCreate.CreateOrUpdate);
        }
    }

    /// <summary>The objects that are missing or differ, by name.</summary>
    public static IEnumerable<string> Objects(IEnumerable<PendingSchemaChange> pending) =>
        pending.SelectMany(p => p.Migration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None)
            .Select(d => $"{d.SchemaObject.Identifier} ({(d.Difference == SchemaPatchDifference.Create ? "missing" : "differs")})"));
}

public sealed record PendingSchemaChange(IDatabase Database, SchemaMigration Migration);
