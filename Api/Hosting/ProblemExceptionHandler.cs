using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Turns what a client caused into RFC 9457 problems: invalid input is a 400 naming the fields,
/// a command decided on a stale version is a 409, a database away for the moment is a 503 to retry.
/// Anything else stays a 500, because it is our bug.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        var result = exception switch
        {
            ValidationException invalid => ProblemResults.Invalid(invalid.Errors
                .GroupBy(e => JsonPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
            BadHttpRequestException { InnerException: JsonException json } => ProblemResults.Invalid(new()
            {
                [FieldOf(json.Path)] = [$"Not valid here: malformed JSON or a value of the wrong type (line {json.LineNumber + 1}, byte {json.BytePositionInLine})."],
            }),
            // Said our way: the framework's text for these asks whether the client "meant to use a Service".
            BadHttpRequestException bad when NoBody().IsMatch(bad.Message) => ProblemResults.Invalid(new()
            {
                ["body"] = ["A JSON object is required here; the body was empty or null."],
            }),
            BadHttpRequestException bad => Unbindable(bad, context.Request),
            ConcurrencyException => ProblemResults.Refused(new Refusal(TicketRules.StaleVersion, "The ticket has changed",
                "Another command changed this ticket while yours was being decided; reload it and decide again.")),
            // Not the caller's fault, but named: a stored image that fails its check is never served, and an operator must look.
            VaultIntegrityException broken => new ProblemDetails
            {
                Type = ProblemResults.BackupIntegrityType, Title = "A stored backup failed its integrity check", Status = StatusCodes.Status500InternalServerError,
                Detail = broken.Message,
            },
            _ when DatabaseOutage.Caused(exception) => DatabaseOutage.Problem(context.Response),
            _ => null,
        };
        if (result is null) return false;

        context.Response.StatusCode = result.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = result, Exception = exception });
    }

    /// <summary>"Devices[0].DeviceId" as the client wrote it: "devices[0].deviceId".</summary>
    private static string JsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>ASP.NET Core names a parameter it could not bind as <c>parameter "int? page" from "two"</c>.</summary>
    private static ValidationProblemDetails Unbindable(BadHttpRequestException bad, HttpRequest request)
    {
        var name = BindFailure().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : "request";
        // An ISO-8601 offset's '+' sent unencoded arrives as a space (form encoding): say so rather than only "failed".
        var hint = request.Query[name].Any(v => v?.Contains(' ') == true) ? " A '+' in a query string must be sent as %2B; a bare '+' arrives as a space." : "";
        return ProblemResults.Invalid(new() { [name] = [bad.Message + hint] }, bad.StatusCode);
    }

    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>\w+)" from""")]
    private static partial Regex BindFailure();

    /// <summary>The framework's words for an absent body and for a JSON <c>null</c> one.</summary>
    [GeneratedRegex("""(but no body was provided|was not provided from body)""")]
    private static partial Regex NoBody();

    /// <summary>"$.ownerEmail" names the field; a body that isn't JSON at all has no path.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
