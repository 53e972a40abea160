using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PhotonSupport.Workers.Hosting;

/// <summary>The host an operator's command (<c>keys …</c>, the Migrations console's verbs) runs over: built, never started.</summary>
public static class CommandHost
{
    /// <summary>Null, having said how to name one, when no database is configured.</summary>
    public static IHost? Build(string[] settings, string command, TextWriter error)
    {
        var builder = Host.CreateApplicationBuilder(settings);
        // Standard output carries the answer alone (a token, a table); anything the framework has to say goes to stderr.
        builder.Logging.ClearProviders()
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning);
        try
        {
            builder.AddPhotonSupport();
        }
        catch (DatabaseNotConfiguredException missing)
        {
            error.WriteLine($"{command}: {missing.Message}");
            return null;
        }
        return builder.Build();
    }
}
