using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Marten;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Firmware;

namespace PhotonSupport.Api.Firmware;

/// <summary>
/// The firmware library: admins load binaries per platform, agents download what their job needs.
/// A binary is accepted only when its module header fits the platform's memory map.
/// </summary>
public static partial class FirmwareEndpoints
{
    /// <summary>Tinker, system parts and the CC3000 programmer all fit well inside this.</summary>
    public const int MaxBinaryLength = 512 * 1024;

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,63}$")]
    private static partial Regex NameShape();

    public static void MapFirmware(this IEndpointRouteBuilder app)
    {
        var firmware = app.MapGroup(AgentPaths.FirmwareGroup).WithTags("Firmware library");
        firmware.MapPut("/{platform}/{name}", UploadAsync).WithName("UploadFirmware").RequireAuthorization(Policies.Admin)
            .Accepts<byte[]>("application/octet-stream");
        firmware.MapGet("/", ListAsync).WithName("ListFirmware").RequireAuthorization(Policies.Staff);
        firmware.MapGet(AgentPaths.Firmware, DownloadAsync).WithName("DownloadFirmware").RequireAuthorization(Policies.Agent);
    }

    private static async Task<IResult> UploadAsync(string platform, string name, HttpRequest request, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (Invalid(platform, name) is { } problem) return problem;
        EnumNames.TryParse<Platform>(platform, out var target);

        var binary = await RequestBodies.ReadAtMostAsync(request, MaxBinaryLength, cancellation);
        if (binary is null) return ProblemResults.BadQuery("body", $"At most {MaxBinaryLength:N0} bytes.");
        var (header, region, refusal) = FirmwareRegions.Check(target, binary);
        if (refusal is not null) return ProblemResults.BadQuery("body", $"Not a {target} module: {refusal}.");

        var stored = new FirmwareBinary
        {
            Id = FirmwareBinary.IdFor(target, name), Platform = target, Name = name, Function = header!.Function, ModuleIndex = header.Index,
            ModuleVersion = header.Version, StartAddress = region!.Start, Length = binary.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(binary)), Content = binary, UploadedBy = Actors.Of(http), UploadedAt = clock.GetUtcNow(),
        };
        session.Store(stored);
        await session.SaveChangesAsync(cancellation);
        return Results.Ok(Summary(stored));
    }

    private static async Task<IResult> ListAsync(IQuerySession session, CancellationToken cancellation) =>
        Results.Ok((await session.Query<FirmwareBinary>().OrderBy(f => f.Id).ToListAsync(cancellation)).Select(Summary));

    private static async Task<IResult> DownloadAsync(string platform, string name, IQuerySession session, CancellationToken cancellation)
    {
        if (Invalid(platform, name) is { } problem) return problem;
        EnumNames.TryParse<Platform>(platform, out var target);
        var binary = await session.LoadAsync<FirmwareBinary>(FirmwareBinary.IdFor(target, name), cancellation);
        return binary is null
            ? ProblemResults.NotFound($"The library has no {target} binary named '{name}'.")
            : Results.File(binary.Content, "application/octet-stream", $"{target.ToString().ToLowerInvariant()}-{name}.bin");
    }

    private static IResult? Invalid(string platform, string name) =>
        !EnumNames.TryParse<Platform>(platform, out _)
            ? ProblemResults.BadQuery("platform", $"'platform' must be one of {string.Join(", ", PlatformCatalog.Names)}.")
            : !NameShape().IsMatch(name)
                ? ProblemResults.BadQuery("name", "'name' is lower-case letters, digits, '.' and '-', such as 'tinker' or 'system-part1'.")
                : null;

    private static FirmwareSummary Summary(FirmwareBinary f) =>
        new(f.Platform, f.Name, f.Function, f.ModuleIndex, f.ModuleVersion, f.StartAddress, f.Length, f.Sha256, f.UploadedBy, f.UploadedAt);
}
