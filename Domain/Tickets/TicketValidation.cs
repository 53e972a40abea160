using FluentValidation;
using PhotonSupport.Domain.Diagnosis;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Shape rules shared by the ticket commands' validators.</summary>
public static class TicketValidation
{
    public const int MaxTextLength = 4000;

    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Must not be empty.")
            .MaximumLength(MaxTextLength).WithMessage("Must be at most " + MaxTextLength + " characters; it has {TotalLength}.");

    /// <summary>A code of the LED diagnosis table: the vocabulary a report and its correction share.</summary>
    public static IRuleBuilderOptions<T, string?> KnownLedPattern<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(LedDiagnosisTable.IsKnown)
            .WithMessage((_, pattern) => $"'ledPattern' '{pattern}' is not a known LED pattern; accepted: {string.Join(", ", LedDiagnosisTable.Codes)}.");

    public static void ValidatesTicketCommand<T>(this AbstractValidator<T> validator) where T : ITicketCommand
    {
        validator.RuleFor(c => c.TicketId).NotEmpty();
        validator.RuleFor(c => c.ExpectedVersion).GreaterThan(0).When(c => c.ExpectedVersion is not null)
            .WithMessage("'expectedVersion' is a stream version, 1 or more.");
    }
}
