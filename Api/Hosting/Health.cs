using Marten;

namespace PhotonSupport.Api.Hosting;

public static class Health
{
    /// <summary>200 when the database answers; 503 with the reason when it does not.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (IQuerySession session, CancellationToken cancellation) =>
        {
            try
            {
                await session.QueryAsync<int>("select 1", cancellation);
                return Results.Ok(new { status = "healthy" });
            }
            catch (Npgsql.NpgsqlException e)
            {
                return Results.Problem(title: "Database unavailable", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        })
        .WithName("Health")
        // Probes (load balancers, a curl after run.sh) come without a key.
        .AllowAnonymous();
}
