using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Authentication;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// <c>PS-12</c> wherever a ticket is looked up: <c>/api/tickets/PS-12/…</c> is answered as <c>/api/tickets/{its id}/…</c>,
/// before routing picks an endpoint, so every endpoint under a ticket takes either (people read references off mail
/// subjects and phone calls, links carry ids). A reference no ticket has is a 404 naming it.
/// </summary>
public static partial class TicketReferenceRoutes
{
    /// <summary>Must run after authentication (only a caller with a key may learn which references exist) and before routing.</summary>
    public static IApplicationBuilder UseTicketReferences(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Reference().Match(context.Request.Path.Value ?? "") is not { Success: true } match || !long.TryParse(match.Groups["number"].Value, out var number))
        {
            await next(context);
            return;
        }
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync();
            return;
        }

        var reference = $"PS-{number}";
        await using var session = context.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var ids = await session.Query<Ticket>().Where(t => t.Reference == reference).Select(t => t.Id).ToListAsync(context.RequestAborted);
        if (ids.Count == 0)
        {
            await ProblemResults.NotFound($"There is no ticket {reference}.").ExecuteAsync(context);
            return;
        }
        context.Request.Path = $"/api/tickets/{ids[0]}{match.Groups["rest"].Value}";
        context.Items[ApiTelemetry.TicketReferenceKey] = reference;
        await next(context);
    });

    [GeneratedRegex(@"^/api/tickets/PS-(?<number>\d{1,18})(?<rest>/.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
