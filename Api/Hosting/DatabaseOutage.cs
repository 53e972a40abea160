using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// A request that meets PostgreSQL away (restarting, failing over, out of connections) is not our bug and not the
/// caller's: it is a 503 the caller may retry, never the server's error text.
/// </summary>
public static class DatabaseOutage
{
    public const string Type = "urn:photonsupport:problem:database-unavailable";

    /// <summary>Long enough for a restart or a failover to finish, short enough that a person retrying by hand isn't kept.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Npgsql calls a failure transient when retrying may help: the server refused or dropped the connection, shut down,
    /// or had no connection to spare. Marten and Wolverine wrap it (MartenCommandException, …), so the whole chain is asked.
    /// </summary>
    public static bool Caused(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true }) return true;
        return false;
    }

    public static ProblemDetails Problem(HttpResponse response)
    {
        response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString();
        return new ProblemDetails
        {
            Type = Type, Title = "The database is unavailable", Status = StatusCodes.Status503ServiceUnavailable,
            Detail = $"PostgreSQL could not be reached to finish this request; try again in {RetryAfter.TotalSeconds:0} seconds.",
        };
    }
}
