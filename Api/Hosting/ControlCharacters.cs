using System.Text.Json;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Refuses a request that carries a control character in a route value, a query value or any string of its JSON body,
/// with a 400 naming where. PostgreSQL can't store a NUL at all, so such text must never get as far as a query or an
/// append; checking here, once, covers every endpoint, including the bodies no validator sees (a heartbeat's message).
/// The rule itself is the domain's (<see cref="TicketValidation.IsPlainText"/>), which the validators use too.
/// </summary>
public static class ControlCharacters
{
    public static IApplicationBuilder RefuseControlCharacters(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (await FirstOffenceAsync(context.Request) is { } field)
        {
            await Results.Problem(ProblemResults.Invalid(new() { [field] = [TicketValidation.ControlCharacterMessage] })).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static async Task<string?> FirstOffenceAsync(HttpRequest request)
    {
        foreach (var (name, value) in request.RouteValues)
            if (value is string text && !TicketValidation.IsPlainText(text)) return name;
        foreach (var (name, values) in request.Query)
            if (!values.All(TicketValidation.IsPlainText)) return name;
        if (!request.HasJsonContentType()) return null;

        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return Offence(body.RootElement, "");
        }
        catch (JsonException)
        {
            // Not JSON at all: the endpoint's binder answers that, with the line and byte.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>The path of the first string that is not plain text, as the client wrote it ("devices[0].deviceId"); "body" for the root.</summary>
    private static string? Offence(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => IsPlainText(element) ? null : path is "" ? "body" : path,
        JsonValueKind.Object => element.EnumerateObject().Select(p => Offence(p.Value, path is "" ? p.Name : $"{path}.{p.Name}")).FirstOrDefault(f => f is not null),
        JsonValueKind.Array => element.EnumerateArray().Select((e, i) => Offence(e, $"{path}[{i}]")).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private static bool IsPlainText(JsonElement text)
    {
        try
        {
            return TicketValidation.IsPlainText(text.GetString());
        }
        catch (InvalidOperationException)
        {
            // A lone UTF-16 surrogate ("\ud800"): no text at all, and PostgreSQL's jsonb refuses it as it refuses a NUL.
            return false;
        }
    }
}
