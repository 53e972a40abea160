using FluentValidation;
using PhotonSupport.Domain.Diagnosis;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Shape rules shared by the ticket commands' validators.</summary>
public static class TicketValidation
{
    public const int MaxTextLength = 4000;

    public const string ControlCharacterMessage = "Must not contain control characters (NUL and the like); tab, line feed and carriage return are fine.";

    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Must not be empty.")
            .MaximumLength(MaxTextLength).WithMessage("Must be at most " + MaxTextLength + " characters; it has {TotalLength}.")
            .PlainText();

    /// <summary>
    /// Text people wrote, as it can be stored and shown: PostgreSQL's jsonb can't hold a NUL at all, and the other
    /// control characters only garble a terminal or a mail. Null passes: whether a field is required is another rule.
    /// </summary>
    public static IRuleBuilderOptions<T, string> PlainText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(IsPlainText).WithMessage(ControlCharacterMessage);

    public static bool IsPlainText(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r');

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
