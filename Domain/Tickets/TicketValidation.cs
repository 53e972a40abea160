using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Shape rules shared by the ticket commands' validators.</summary>
public static class TicketValidation
{
    public const int MaxTextLength = 4000;

    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Must not be empty.")
            .MaximumLength(MaxTextLength).WithMessage("Must be at most " + MaxTextLength + " characters; it has {TotalLength}.");

    public static void ValidatesTicketCommand<T>(this AbstractValidator<T> validator) where T : ITicketCommand
    {
        validator.RuleFor(c => c.TicketId).NotEmpty();
        validator.RuleFor(c => c.ExpectedVersion).GreaterThan(0).When(c => c.ExpectedVersion is not null)
            .WithMessage("'expectedVersion' is a stream version, 1 or more.");
    }
}
