using System.ComponentModel.DataAnnotations;

namespace PhotonSupport.Workers.Settings;

/// <summary>A name or a path that must be given: a blank one would only fail later, far from its setting.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotBlankAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context) =>
        string.IsNullOrWhiteSpace(value as string)
            ? new ValidationResult("must not be blank.", [context.MemberName!])
            : ValidationResult.Success;
}
