using FluentValidation;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>Who has the case: assign, take, unassign.</summary>
public class AssignmentSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddHours(5);

    private static TicketAssigned AssignedToAda() => new(TicketId, "ada", "support", Monday.AddHours(1));

    [Fact]
    public void Assigning_a_ticket_names_the_staff_member_and_who_assigned_it()
    {
        var decision = AssignTicket.Decide(Given(PhotonReported()), new AssignTicket(TicketId, " ada ", null, "supervisor"), Now);

        decision.Events.ShouldBe([new TicketAssigned(TicketId, "ada", "supervisor", Now)]);
        Given(PhotonReported(), decision.Events[0]).Assignee.ShouldBe("ada");
    }

    [Fact]
    public void Assigning_to_someone_else_moves_the_case() =>
        AssignTicket.Decide(Given(PhotonReported(), AssignedToAda()), new AssignTicket(TicketId, "grace", null, "support"), Now)
            .Events.ShouldBe([new TicketAssigned(TicketId, "grace", "support", Now)]);

    [Fact]
    public void Assigning_to_the_current_assignee_appends_nothing_and_is_not_refused()
    {
        var decision = AssignTicket.Decide(Given(PhotonReported(), AssignedToAda()), new AssignTicket(TicketId, "ada", null, "support"), Now);

        decision.Refusal.ShouldBeNull();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Taking_a_ticket_assigns_it_to_the_caller() =>
        TakeTicket.Decide(Given(PhotonReported(), AssignedToAda()), new TakeTicket(TicketId, null, "grace"), Now)
            .Events.ShouldBe([new TicketAssigned(TicketId, "grace", "grace", Now)]);

    [Fact]
    public void Unassigning_says_who_had_the_case_and_leaves_it_to_nobody()
    {
        var decision = UnassignTicket.Decide(Given(PhotonReported(), AssignedToAda()), new UnassignTicket(TicketId, null, "supervisor"), Now);

        decision.Events.ShouldBe([new TicketUnassigned(TicketId, "ada", "supervisor", Now)]);
        Given(PhotonReported(), AssignedToAda(), decision.Events[0]).Assignee.ShouldBeNull();
    }

    [Fact]
    public void Unassigning_a_ticket_nobody_has_appends_nothing()
    {
        var decision = UnassignTicket.Decide(Given(PhotonReported()), new UnassignTicket(TicketId, null, "support"), Now);

        decision.Refusal.ShouldBeNull();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_resolved_ticket_is_neither_assigned_taken_nor_unassigned()
    {
        var resolved = Given(PhotonReported(), AssignedToAda(), Resolved());

        AssignTicket.Decide(resolved, new AssignTicket(TicketId, "grace", null, "support"), Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
        TakeTicket.Decide(resolved, new TakeTicket(TicketId, null, "grace"), Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
        UnassignTicket.Decide(resolved, new UnassignTicket(TicketId, null, "support"), Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_assignee_is_refused(string assignee) =>
        Fields(new AssignTicket(TicketId, assignee, null, "support")).ShouldBe(["Assignee"]);

    [Fact]
    public void An_assignee_of_101_characters_is_refused_and_one_of_100_is_valid()
    {
        Fields(new AssignTicket(TicketId, new string('a', 101), null, "support")).ShouldBe(["Assignee"]);
        Fields(new AssignTicket(TicketId, new string('a', 100), null, "support")).ShouldBeEmpty();
    }

    private static IEnumerable<string> Fields(AssignTicket command) =>
        new AssignTicketValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct();
}
