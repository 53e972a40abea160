namespace PhotonSupport.Api.Hosting;

public static class Actors
{
    /// <summary>Who the caller is, as events record it; requests without an identity say so rather than guess.</summary>
    public static string Of(HttpContext http) => http.User.Identity?.Name ?? "unauthenticated";
}
