namespace PhotonSupport.Api.Auth;

/// <summary>The problem documents for who the caller is and what their key's role allows.</summary>
public static class AuthProblems
{
    public const string UnauthenticatedType = "urn:photonsupport:problem:unauthenticated";
    public const string ForbiddenType = "urn:photonsupport:problem:forbidden";
    public const string WaiverNeedsSupervisorType = "urn:photonsupport:problem:waiver-needs-supervisor";
    public const string TooManyFailedSignInsType = "urn:photonsupport:problem:too-many-failed-sign-ins";

    public static IResult Unauthenticated(string detail) =>
        Results.Problem(type: UnauthenticatedType, title: "Authentication required", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult TooManyFailedSignIns(string detail) =>
        Results.Problem(type: TooManyFailedSignInsType, title: "Too many refused API keys", detail: detail, statusCode: StatusCodes.Status429TooManyRequests);

    public static IResult Forbidden(string detail) =>
        Results.Problem(type: ForbiddenType, title: "Not allowed for this key", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult WaiverNeedsSupervisor() =>
        Results.Problem(type: WaiverNeedsSupervisorType, title: "A waiver needs a supervisor",
            detail: "Only a supervisor may waive the backup-first rule; queue the job without a waiver, or ask a supervisor.",
            statusCode: StatusCodes.Status403Forbidden);
}
