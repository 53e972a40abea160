using Microsoft.AspNetCore.Mvc;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Hosting;

/// <summary>The problem documents the Api answers with, each with a stable type.</summary>
public static class ProblemResults
{
    public const string ValidationType = "urn:photonsupport:problem:validation";
    public const string NotFoundType = "urn:photonsupport:problem:not-found";
    public const string BackupIntegrityType = "urn:photonsupport:problem:backup-integrity";

    public static ValidationProblemDetails Invalid(Dictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest) =>
        new(errors) { Type = ValidationType, Title = "The request is not valid", Status = status };

    /// <summary>Most rules refuse with a conflict; a few refusals mean the thing is absent, not the caller's, or incomplete.</summary>
    public static ProblemDetails Refused(Refusal refusal) => new()
    {
        Type = refusal.Type,
        Title = refusal.Title,
        Detail = refusal.Detail,
        Status = refusal.Type switch
        {
            TicketRules.JobNotFound => StatusCodes.Status404NotFound,
            TicketRules.JobNotHeld => StatusCodes.Status403Forbidden,
            TicketRules.JobResultIncomplete or TicketRules.BackupSizeNotAccepted => StatusCodes.Status400BadRequest,
            TicketRules.BackupNotFound => StatusCodes.Status404NotFound,
            // The bytes were there and are gone for good, by the retention rule.
            TicketRules.BackupPurged => StatusCodes.Status410Gone,
            // An owner's link that can't be used again: asking again won't help, a new backup request will.
            TicketRules.UploadLinkExpired or TicketRules.UploadLinkUsed => StatusCodes.Status410Gone,
            _ => StatusCodes.Status409Conflict,
        },
    };

    public static IResult NotFound(string detail) =>
        Results.Problem(type: NotFoundType, title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult BadQuery(string field, string message) =>
        Results.Problem(Invalid(new() { [field] = [message] }));
}
