namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Routing answers 415 by itself, before any endpoint runs, to a body whose Content-Type the endpoint
/// does not accept; left alone that problem names nothing. This one says what the Api takes.
/// </summary>
public static class UnsupportedMediaType
{
    public const string Type = "urn:photonsupport:problem:unsupported-media-type";
    public const string RawBytes = "application/octet-stream";

    public static void Explain(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType) return;
        var sent = context.HttpContext.Request.ContentType is { Length: > 0 } type ? $"'{type}'" : "no Content-Type";
        context.ProblemDetails.Type = Type;
        context.ProblemDetails.Detail =
            $"The body came with {sent}. Uploads of raw bytes (firmware binaries, backup images) take Content-Type: {RawBytes} " +
            $"(curl --data-binary @FILE -H 'Content-Type: {RawBytes}'); every other body is application/json.";
    }
}
