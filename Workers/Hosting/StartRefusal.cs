using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Workers.Hosting;

/// <summary>
/// How a host's program ends when the host refuses to start: a bad setting, no database, a schema that is not this
/// version's. The operator reads one line on stderr, <c>photonsupport: </c> and the refusal's own message (which names the
/// setting or the command that fixes it), and the program exits with a code that says which kind of refusal it was.
/// Anything else is a fault, not a refusal, and still ends the program with the runtime's stack trace.
/// </summary>
public static class StartRefusal
{
    /// <summary>A setting is wrong or missing (sysexits' EX_CONFIG): starting again only helps once it is fixed.</summary>
    public const int BadConfiguration = 78;

    /// <summary>The schema is not this version's (sysexits' EX_TEMPFAIL): starting again helps once the migrations are applied.</summary>
    public const int SchemaNotCurrent = 75;

    public const string Prefix = "photonsupport: ";

    /// <summary>Where the generic host logs its own start failure, at Error, the whole exception with its stack trace.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// The host's Error log of a failed start goes: its program says a refusal once, as one line, and a fault reaches
    /// the runtime, which prints it with its stack trace anyway. A failed background service is still logged, as the
    /// host's Critical line that it stops because of it.
    /// </summary>
    public static ILoggingBuilder LeaveStartFailuresToTheProgram(this ILoggingBuilder logging) =>
        logging.AddFilter(HostCategory, LogLevel.Critical);

    /// <summary>Builds the host with <paramref name="build"/> (a refusal may come while it is wired) and runs it until it stops.</summary>
    public static async Task<int> RunAsync(Func<IHost> build, TextWriter error)
    {
        try
        {
            await build().RunAsync();
            return 0;
        }
        catch (Exception refused) when (Refusals(refused) is [var first, ..] refusals)
        {
            foreach (var refusal in refusals) error.WriteLine(Prefix + refusal.Message);
            return ExitCode(first);
        }
    }

    /// <summary>The refusals <paramref name="exception"/> is made of; none when any part of it is something else.</summary>
    private static List<Exception> Refusals(Exception exception)
    {
        // Options checked at start come together when more than one section is wrong.
        var parts = exception is AggregateException all ? all.Flatten().InnerExceptions.ToList() : [exception];
        return parts.All(IsRefusal) ? parts : [];
    }

    private static bool IsRefusal(Exception exception) =>
        exception is OptionsValidationException or DatabaseNotConfiguredException or SchemaNotCurrentException;

    private static int ExitCode(Exception refusal) => refusal is SchemaNotCurrentException ? SchemaNotCurrent : BadConfiguration;
}
