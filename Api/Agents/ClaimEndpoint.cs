using System.Diagnostics;
using FluentValidation;
using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Agents;
using PhotonSupport.Workers.Jobs;
using Wolverine;

namespace PhotonSupport.Api.Agents;

public sealed class ClaimRequestValidator : AbstractValidator<ClaimRequest>
{
    public const int MaxDevices = 64;

    public ClaimRequestValidator()
    {
        RuleFor(r => r.Devices).NotEmpty().WithMessage("List the devices attached right now; at least one.")
            .Must(d => d is null || d.Count <= MaxDevices).WithMessage($"At most {MaxDevices} devices per bench.");
        RuleForEach(r => r.Devices).ChildRules(device =>
        {
            device.RuleFor(d => d.DeviceId).Must(DeviceIds.IsValid).WithMessage("Must be 24 hexadecimal characters.");
            device.RuleFor(d => d.Platform).Must(p => EnumNames.TryParse<Platform>(p, out _))
                .WithMessage($"Must be one of {string.Join(", ", PlatformCatalog.Names)}.");
        });
    }
}

/// <summary>A bench agent asks for work for the devices it has attached, waiting up to <c>waitSeconds</c> for some.</summary>
public static class ClaimEndpoint
{
    private static readonly ClaimRequestValidator Validator = new();

    public static void MapClaim(this RouteGroupBuilder agents) =>
        agents.MapPost(AgentPaths.Claims, async (ClaimRequest body, int? waitSeconds, HttpContext http, IMessageBus bus, JobDispatcher dispatcher,
            IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        {
            if (waitSeconds is < 0) return ProblemResults.BadQuery("waitSeconds", "'waitSeconds' is 0 or more.");
            Validator.ValidateAndThrow(body);

            var agent = AgentCaller.Of(http);
            // Validated above, so every platform parses; from here on it is typed.
            var devices = body.Devices!.Select(d => EnumNames.TryParse<Platform>(d.Platform, out var platform)
                ? new AttachedDevice(DeviceIds.Normalize(d.DeviceId!), platform)
                : throw new UnreachableException($"the validator let platform '{d.Platform}' through")).ToArray();

            // A claim records the agent with the job; a claim that got nothing records it here. One commit either way.
            var claimed = await dispatcher.ClaimAsync(bus, agent.KeyId, agent.Name, devices, dispatcher.LongPollLimit(waitSeconds ?? 0), cancellation);
            if (claimed is null)
            {
                await AgentRegistry.SeenAsync(session, agent.KeyId, agent.Name, clock.GetUtcNow(), null, devices, cancellation);
                await session.SaveChangesAsync(cancellation);
                return Results.NoContent();
            }
            return Results.Ok(new ClaimedJob(claimed.JobId, claimed.ClaimId, claimed.TicketId, claimed.Kind, claimed.DeviceId, claimed.Platform,
                claimed.Parameters, claimed.LeaseExpiresAt));
        })
        .WithName("ClaimRecoveryJob")
        .Produces<ClaimedJob>()
        .Produces(StatusCodes.Status204NoContent)
        .ProducesValidationProblem();
}
