using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Tickets;
using Wolverine;

namespace PhotonSupport.Api.Tickets;

public sealed record NoteRequest(string? Text, long? ExpectedVersion);

public sealed record BackupRequestRequest(long? ExpectedVersion);

public sealed record JobRequest(string? Kind, string? WaiverReason, long? ExpectedVersion, PrivateCloud? PrivateCloud, Guid? BackupId);

public sealed record QueuedJob(Guid JobId, TicketCommandResponse Ticket);

public sealed record ResolveRequest(string? Resolution, long? ExpectedVersion);

public sealed record ReopenRequest(string? Reason, long? ExpectedVersion);

public sealed record AssignRequest(string? Assignee, long? ExpectedVersion);

/// <summary>The body of an unassign or a take: only the version the caller decided on, if any.</summary>
public sealed record VersionRequest(long? ExpectedVersion);

public sealed record ReportCorrectionRequest(string? Symptom, string? LedPattern, long? ExpectedVersion);

/// <summary>The usual answer to a command, and the recovery plan before and after the correction.</summary>
public sealed record ReportCorrectionResponse(
    Guid Id, string Reference, TicketStatus Status, long Version, IReadOnlyList<RecoveryJobKind> PlanBefore, IReadOnlyList<RecoveryJobKind> PlanAfter);

/// <summary>The commands on an open case. Each goes through Wolverine: validated, decided, appended, committed.</summary>
public static class TicketCommandEndpoints
{
    public static void MapTicketCommands(this RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{id:guid}/notes", (Guid id, NoteRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new AddNote(id, body.Text!, body.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("AddNote").ProducesCommand<TicketCommandResponse>();

        tickets.MapPost("/{id:guid}/backup-requests", (Guid id, BackupRequestRequest? body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new RequestBackup(id, body?.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("RequestBackup").ProducesCommand<TicketCommandResponse>();

        tickets.MapPost("/{id:guid}/jobs", async (Guid id, JobRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        {
            if (body.WaiverReason is not null && !Policies.IsSupervisor(http.User)) return AuthProblems.WaiverNeedsSupervisor();
            var command = new QueueRecoveryJob(id, Guid.CreateVersion7(), body.Kind!, body.WaiverReason, body.ExpectedVersion, Actors.Of(http), body.PrivateCloud,
                body.BackupId);
            var result = await bus.InvokeAsync<TicketCommandResult?>(command, ct);
            return TicketCommandResponse.ToHttp(id, result, queued => Results.Created(TicketRoutes.Ticket(id), new QueuedJob(command.JobId, queued)));
        })
        .WithName("QueueRecoveryJob").ProducesCommand<QueuedJob>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapPost("/{id:guid}/resolve", (Guid id, ResolveRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new ResolveTicket(id, body.Resolution!, body.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("ResolveTicket").ProducesCommand<TicketCommandResponse>();

        tickets.MapPost("/{id:guid}/reopen", (Guid id, ReopenRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new ReopenTicket(id, body.Reason!, body.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("ReopenTicket").ProducesCommand<TicketCommandResponse>();

        MapAssignment(tickets);
        MapReportCorrection(tickets);
    }

    /// <summary>Who has the case: assign to a named staff member, unassign, or take it yourself.</summary>
    private static void MapAssignment(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{id:guid}/assign", (Guid id, AssignRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new AssignTicket(id, body.Assignee!, body.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("AssignTicket").ProducesCommand<TicketCommandResponse>();

        tickets.MapPost("/{id:guid}/unassign", (Guid id, VersionRequest? body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new UnassignTicket(id, body?.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("UnassignTicket").ProducesCommand<TicketCommandResponse>();

        tickets.MapPost("/{id:guid}/take", (Guid id, VersionRequest? body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            SendAsync(bus, id, new TakeTicket(id, body?.ExpectedVersion, Actors.Of(http)), ct))
            .WithName("TakeTicket").ProducesCommand<TicketCommandResponse>();
    }

    private static void MapReportCorrection(RouteGroupBuilder tickets) =>
        tickets.MapPost("/{id:guid}/report", async (Guid id, ReportCorrectionRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        {
            var command = new CorrectReport(id, body.Symptom, body.LedPattern, body.ExpectedVersion, Actors.Of(http));
            var corrected = await bus.InvokeAsync<ReportCorrectionResult?>(command, ct);
            return TicketCommandResponse.ToHttp(id, corrected?.Ticket, ticket => Results.Ok(new ReportCorrectionResponse(
                ticket.Id, ticket.Reference, ticket.Status, ticket.Version, corrected!.PlanBefore, corrected.PlanAfter)));
        })
        .WithName("CorrectReport").ProducesCommand<ReportCorrectionResponse>();

    private static async Task<IResult> SendAsync(IMessageBus bus, Guid ticketId, ITicketCommand command, CancellationToken cancellation)
    {
        var result = await bus.InvokeAsync<TicketCommandResult?>(command, cancellation);
        return TicketCommandResponse.ToHttp(ticketId, result, Results.Ok);
    }
}
