using System.ComponentModel.DataAnnotations;

namespace PhotonSupport.Workers.Settings;

/// <summary>A count, a size or a port: a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WholeNumberAttribute(long min, long max = long.MaxValue) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var number = Convert.ToInt64(value);
        if (number >= min && number <= max) return ValidationResult.Success;
        var range = max == long.MaxValue ? $"at least {min}" : $"from {min} to {max}";
        return new ValidationResult($"must be a whole number {range}, not {number}.", [context.MemberName!]);
    }
}
