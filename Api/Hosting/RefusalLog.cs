using Microsoft.AspNetCore.Mvc;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// One short line per refused request (4xx), for an operator to read: method, route template, status, problem type, the
/// ticket when the route names one, and the fields a validation problem names. Only those: no body, no query, no detail
/// text, since they carry what a client sent (an owner's e-mail address among it), and no stack trace, since a refusal
/// is no fault of ours.
/// </summary>
public static partial class RefusalLog
{
    public const string Category = "PhotonSupport.Api.Refusals";

    private static readonly object ProblemKey = new();

    /// <summary>Remembers the problem written for the request, as the problem-details service writes every one of ours.</summary>
    public static void Remember(ProblemDetailsContext context) => context.HttpContext.Items[ProblemKey] = context.ProblemDetails;

    public static IApplicationBuilder LogRefusals(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            // Read before the request runs: the exception handler clears both when it answers for an exception.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template ? "/" + template.TrimStart('/') : "(no route)";
            var ticket = context.Request.RouteValues.TryGetValue(route.StartsWith("/api/tickets/{id") ? "id" : "ticketId", out var id) ? $" ticket {id}" : "";
            await next(context);
            if (context.Response.StatusCode is < 400 or >= 500) return;

            var problem = context.Items[ProblemKey] as ProblemDetails;
            var fields = problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid ? $" fields {string.Join(", ", invalid.Errors.Keys)}" : "";
            Refused(log, context.Request.Method, route, context.Response.StatusCode, problem?.Type ?? "(no problem document)", ticket, fields);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Route} {Status} {ProblemType}{Ticket}{Fields}")]
    private static partial void Refused(ILogger log, string method, string route, int status, string problemType, string ticket, string fields);
}
