using Marten;
using Weasel.Postgresql;

namespace PhotonSupport.Workers.Tickets;

/// <summary>
/// Human ticket references (PS-1, PS-2, ...) for email subjects and phone calls, from a PostgreSQL
/// sequence: unique across every node, and never reused even when an open is rolled back.
/// </summary>
public static class TicketReferences
{
    private const string SequenceName = TicketStore.Schema + ".ticket_reference";

    public static Sequence Sequence() => new(SequenceName);

    public static async Task<string> NextAsync(IQuerySession session, CancellationToken cancellation)
    {
        var next = await session.QueryAsync<long>($"select nextval('{SequenceName}')", cancellation);
        return $"PS-{next.Single()}";
    }
}
