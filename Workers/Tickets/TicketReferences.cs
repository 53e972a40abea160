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

    /// <summary>The SQL expression that takes the next number, for a statement that takes it with other work.</summary>
    public const string NextValue = $"nextval('{SequenceName}')";

    public static string Of(long number) => $"PS-{number}";
}
