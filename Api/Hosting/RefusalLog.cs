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
    private static readonly object RouteKey = new();

    /// <summary>Remembers the problem written for the request, as the problem-details service writes every one of ours.</summary>
    public static void Remember(ProblemDetailsContext context) => context.HttpContext.Items[ProblemKey] = context.ProblemDetails;

    /// <summary>Outermost, so it sees the status the request finally answered with.</summary>
    public static IApplicationBuilder LogRefusals(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode is < 400 or >= 500) return;

            var (route, ticket) = context.Items[RouteKey] as (string, string)? ?? ("(no route)", "");
            var problem = context.Items[ProblemKey] as ProblemDetails;
            var fields = problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid ? $" fields {string.Join(", ", invalid.Errors.Keys)}" : "";
            Refused(log, context.Request.Method, route, context.Response.StatusCode, problem?.Type ?? "(no problem document)", ticket, fields);
        });
    }

    /// <summary>
    /// Right after routing: the route and its ticket are noted while they are known, since the exception handler
    /// clears both when it answers for an exception.
    /// </summary>
    public static IApplicationBuilder NoteRoutesForRefusals(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template)
        {
            var route = "/" + template.TrimStart('/');
            var ticket = context.Request.RouteValues.TryGetValue(route.StartsWith("/api/tickets/{id") ? "id" : "ticketId", out var id) ? $" ticket {id}" : "";
            context.Items[RouteKey] = (route, ticket);
        }
        return next(context);
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Route} {Status} {ProblemType}{Ticket}{Fields}")]
    private static partial void Refused(ILogger log, string method, string route, int status, string problemType, string ticket, string fields);
}
