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
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            return Offence(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>
    /// The path of the first string that is not plain text, as the client wrote it ("devices[0].deviceId"; "body" for
    /// the root). A reader over the bytes, not a document: every JSON request passes here before its binder parses it
    /// again, and most strings need no decoding to be judged.
    /// </summary>
    private static string? Offence(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var containers = new Stack<(string Path, bool IsArray, int Next)>();
        var property = "";
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString()!;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        containers.Push((ValuePath(containers, property), reader.TokenType == JsonTokenType.StartArray, 0));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        break;
                    default:
                        var path = ValuePath(containers, property);
                        if (reader.TokenType == JsonTokenType.String && !IsPlainText(ref reader)) return path is "" ? "body" : path;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the endpoint's binder answers that, with the line and byte.
        }
        return null;
    }

    /// <summary>The path of the value the reader is on; inside an array it also counts the element.</summary>
    private static string ValuePath(Stack<(string Path, bool IsArray, int Next)> containers, string property)
    {
        if (!containers.TryPeek(out var container)) return "";
        if (!container.IsArray) return container.Path is "" ? property : $"{container.Path}.{property}";
        containers.Pop();
        containers.Push(container with { Next = container.Next + 1 });
        return $"{container.Path}[{container.Next}]";
    }

    private static bool IsPlainText(ref Utf8JsonReader reader)
    {
        // Unescaped JSON text can't hold U+0000-U+001F, so only DEL (0x7F) and the C1 controls (0xC2 0x80-0x9F) are left to find.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return !HasRawControl(reader.ValueSpan);
        try
        {
            return TicketValidation.IsPlainText(reader.GetString());
        }
        catch (InvalidOperationException)
        {
            // A lone UTF-16 surrogate ("\ud800"): no text at all, and PostgreSQL's jsonb refuses it as it refuses a NUL.
            return false;
        }
    }

    private static bool HasRawControl(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == 0x7F || (utf8[i] == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] is >= 0x80 and <= 0x9F)) return true;
        return false;
    }
}
