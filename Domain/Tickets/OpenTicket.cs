using System.Text.RegularExpressions;
using FluentValidation;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Tickets;

/// <summary>A ticket the device had before, as the decision to open another needs to see it.</summary>
public sealed record EarlierTicket(Guid Id, string Reference, Platform Platform, TicketStatus Status, DateTimeOffset OpenedAt);

/// <summary>
/// An owner or a support engineer reports a device. One case per device at a time: a device with an
/// unresolved ticket is sent to that ticket, so two cases never race each other on one device's flash.
/// <see cref="EmailMessageId"/> is the owner's mail when the report came by mail.
/// </summary>
public sealed record OpenTicket(string DeviceId, string Platform, string OwnerEmail, string Symptom, string? LedPattern, string Actor,
    string? EmailMessageId = null)
{
    /// <summary>
    /// The report, and the diagnosis its LED pattern gives. <paramref name="ticketId"/> and
    /// <paramref name="reference"/> are allocated by the caller (the reference from a database sequence);
    /// <paramref name="earlier"/> are the device's tickets so far, read by the caller under a per-device lock.
    /// </summary>
    public static Decision Decide(OpenTicket command, Guid ticketId, string reference, IReadOnlyList<EarlierTicket> earlier, DateTimeOffset now)
    {
        EnumNames.TryParse<Platform>(command.Platform, out var platform);
        var deviceId = DeviceIds.Normalize(command.DeviceId);
        if (TicketGuards.RefuseIfDeviceHasOpenTicket(deviceId, earlier) is { } open) return open;
        if (earlier.MaxBy(t => t.OpenedAt) is { } last && last.Platform != platform)
            return Decision.Refuse(TicketRules.PlatformContradictsDevice, "The platform contradicts what the device is known as",
                $"Device {deviceId} is known as a {last.Platform} (from {last.Reference}), not a {platform}; " +
                "report it as a " + last.Platform + ", or check the device id.", new TicketRef(last.Id, last.Reference));

        var reported = new DeviceReported(ticketId, reference, deviceId, platform,
            command.OwnerEmail.Trim(), command.Symptom, command.LedPattern, command.Actor, now, command.EmailMessageId);
        return command.LedPattern is null
            ? Decision.Accept(reported)
            : Decision.Accept(reported, DiagnosisRecorded.FromLedPattern(ticketId, platform, command.LedPattern, now));
    }
}

public sealed partial class OpenTicketValidator : AbstractValidator<OpenTicket>
{
    // Deliberately plain: one @, a dotted domain, no spaces. Deliverability is the mail server's call.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailShape();

    public OpenTicketValidator()
    {
        RuleFor(c => c.DeviceId).Must(DeviceIds.IsValid)
            .WithMessage("'deviceId' must be 24 hexadecimal characters (the device id particle-cli prints).");
        RuleFor(c => c.Platform).Must(p => EnumNames.TryParse<Platform>(p, out _))
            .WithMessage(c => $"'platform' must be one of {string.Join(", ", PlatformCatalog.Names)}; '{c.Platform}' is not.");
        RuleFor(c => c.OwnerEmail).Must(e => e is not null && e.Trim().Length <= 254 && EmailShape().IsMatch(e.Trim()))
            .WithMessage("'ownerEmail' must be an email address such as owner@example.com.");
        RuleFor(c => c.Symptom).RequiredText();
        RuleFor(c => c.LedPattern).KnownLedPattern().When(c => c.LedPattern is not null);
    }
}
