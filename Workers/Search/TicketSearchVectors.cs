using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;
using CascadeAction = Weasel.Postgresql.CascadeAction;

namespace PhotonSupport.Workers.Search;

/// <summary>
/// The English tsvector of every <see cref="TicketSearchDocument"/>, computed once when the projection writes the
/// document, so a search ranks stored vectors instead of parsing every matching ticket's text again. Marten builds its
/// document tables itself and drops any column it did not declare, so the vector lives in a table of its own beside
/// the documents, kept in step by a trigger on theirs and emptied with them (the foreign key cascades Marten's
/// truncates and deletes). Registered as a storage feature, which Marten creates and migrates after the document tables.
/// </summary>
public sealed class TicketSearchVectors(StoreOptions options) : FeatureSchemaBase(nameof(TicketSearchVectors), options.Advanced.Migrator)
{
    public const string Language = "english";
    public static readonly string Name = $"{Tickets.TicketStore.Schema}.ticket_search_vectors";
    private static readonly string Function = $"{Tickets.TicketStore.Schema}.ticket_search_vector_write";

    public override IEnumerable<Type> DependentTypes() => [typeof(TicketSearchDocument)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var documents = ((IReadOnlyStoreOptions)options).Schema.For<TicketSearchDocument>(true);
        yield return new BackfilledTable(documents);
        // Written as pg_get_functiondef prints it back, which is what Weasel compares: a restart then finds no change.
        yield return new Function(PostgresqlProvider.Instance.Parse(Function),
            $"""
            CREATE OR REPLACE FUNCTION {Function}()
             RETURNS trigger
             LANGUAGE plpgsql
            AS $function$
            begin
                insert into {Name} (id, search_vector) values (new.id, {VectorOf("new")})
                on conflict (id) do update set search_vector = excluded.search_vector;
                return null;
            end
            $function$;
            """);
        yield return new Trigger(PostgresqlProvider.Instance.Parse($"{Tickets.TicketStore.Schema}.ticket_search_vector"),
            PostgresqlProvider.Instance.Parse(documents), $"{Function}()")
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Insert | TriggerEvents.Update,
        };
    }

    private static string VectorOf(string document) => $"to_tsvector('{Language}', {document}.data ->> 'searchText')";

    /// <summary>Created with the vectors of the documents already there, as on a database that had them before this table.</summary>
    private sealed class BackfilledTable : Table
    {
        private readonly string _documents;

        public BackfilledTable(string documents) : base(PostgresqlProvider.Instance.Parse(Name))
        {
            _documents = documents;
            AddColumn<Guid>("id").AsPrimaryKey();
            // Weasel 9.49's ForeignKey still takes its own CascadeAction, marked obsolete in favour of Weasel.Core's.
#pragma warning disable CS0618
            ForeignKeys.Add(new ForeignKey("fk_ticket_search_vectors_id")
            {
                LinkedTable = PostgresqlProvider.Instance.Parse(documents), ColumnNames = ["id"], LinkedNames = ["id"], OnDelete = CascadeAction.Cascade,
            });
#pragma warning restore CS0618
            AddColumn("search_vector", "tsvector").NotNull();
            Indexes.Add(new IndexDefinition("ix_ticket_search_vectors_search_vector") { Columns = ["search_vector"], Method = IndexMethod.gin });
        }

        public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
        {
            base.WriteCreateStatement(migrator, writer);
            writer.WriteLine($"insert into {Name} (id, search_vector) select d.id, {VectorOf("d")} from {_documents} d on conflict (id) do nothing;");
        }
    }
}
