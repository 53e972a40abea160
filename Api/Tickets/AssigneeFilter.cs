using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// The queue's <c>assignee</c> filter: a staff member's name, <c>me</c> for the caller's own cases, <c>none</c> for
/// the cases nobody has. Both words are reserved: a key named "me" or "none" is found through <c>me</c>.
/// </summary>
public static class AssigneeFilter
{
    public const string Mine = "me";
    public const string Unassigned = "none";

    /// <summary>The tickets <paramref name="assignee"/> asks for, or the 400 that says why it asks for none.</summary>
    public static (IQueryable<Ticket> Query, IResult? Problem) Apply(IQueryable<Ticket> query, string assignee, HttpContext http)
    {
        var name = assignee.Trim();
        if (name.Length is 0 or > AssignTicket.MaxAssigneeLength)
            return (query, ProblemResults.BadQuery("assignee",
                $"'assignee' is a staff member's name (1 to {AssignTicket.MaxAssigneeLength} characters), '{Mine}' or '{Unassigned}'."));
        if (name == Unassigned) return (query.Where(t => t.Assignee == null), null);
        var who = name == Mine ? Actors.Of(http) : name;
        return (query.Where(t => t.Assignee == who), null);
    }
}
