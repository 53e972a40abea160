namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Log levels for what an operator reads, unless configuration names the category (Logging:LogLevel:Wolverine, say).
/// </summary>
public static class LogDefaults
{
    private static readonly Dictionary<string, LogLevel> Levels = new()
    {
        // At Information the event store and the message bus describe their schema (whole DDL scripts), their generated
        // code and their configuration at every start: pages of it. Their warnings and errors still show.
        ["Marten"] = LogLevel.Warning,
        ["Wolverine"] = LogLevel.Warning,
        ["JasperFx"] = LogLevel.Warning,
        ["Weasel"] = LogLevel.Warning,
        // The domain logs nothing itself; Wolverine logs under each command's type name, at Error with the stack trace and the
        // whole command (an owner's e-mail address among it) for every exception, a refused input included, before anything
        // decides what the exception means. What it means is logged where it is decided: a refusal as one line (RefusalLog),
        // a fault by the exception handler of the request, or of the handler, that sent the command.
        ["PhotonSupport.Domain"] = LogLevel.None,
    };

    public static ILoggingBuilder UseOperatorDefaults(this ILoggingBuilder logging, IConfiguration configuration)
    {
        foreach (var (category, level) in Levels.Where(l => configuration[$"Logging:LogLevel:{l.Key}"] is null))
            logging.AddFilter(category, level);
        return logging;
    }
}
