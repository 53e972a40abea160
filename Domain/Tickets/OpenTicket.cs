using System.Text.RegularExpressions;
using FluentValidation;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Diagnosis;

namespace PhotonSupport.Domain.Tickets;

/// <summary>An owner or a support engineer reports a device.</summary>
public sealed record OpenTicket(string DeviceId, string Platform, string OwnerEmail, string Symptom, string? LedPattern, string Actor)
{
    /// <summary>
    /// The report, and the diagnosis its LED pattern gives. <paramref name="ticketId"/> and
    /// <paramref name="reference"/> are allocated by the caller (the reference from a database sequence).
    /// </summary>
    public static Decision Decide(OpenTicket command, Guid ticketId, string reference, DateTimeOffset now)
    {
        EnumNames.TryParse<Platform>(command.Platform, out var platform);
        var reported = new DeviceReported(ticketId, reference, DeviceIds.Normalize(command.DeviceId), platform,
            command.OwnerEmail.Trim(), command.Symptom, command.LedPattern, command.Actor, now);
        if (command.LedPattern is null) return Decision.Accept(reported);

        var diagnosis = LedDiagnosisTable.Diagnose(platform, command.LedPattern);
        return Decision.Accept(reported,
            new DiagnosisRecorded(ticketId, diagnosis.Cause, diagnosis.Plan, $"led-pattern:{diagnosis.LedPattern}", "diagnosis-table", now));
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
        RuleFor(c => c.LedPattern).Must(LedDiagnosisTable.IsKnown).When(c => c.LedPattern is not null)
            .WithMessage(c => $"'ledPattern' '{c.LedPattern}' is not a known LED pattern; accepted: {string.Join(", ", LedDiagnosisTable.Codes)}.");
    }
}
