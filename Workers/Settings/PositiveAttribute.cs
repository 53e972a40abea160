using System.ComponentModel.DataAnnotations;

namespace PhotonSupport.Workers.Settings;

/// <summary>A time span that is not over at once (and, given <see cref="AtMost"/>, not longer than that).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute(string example) : ValidationAttribute
{
    /// <summary>The longest allowed, as a time span's text ("00:29:00").</summary>
    public string? AtMost { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var span = (TimeSpan)value!;
        if (span > TimeSpan.Zero && (AtMost is null || span <= TimeSpan.Parse(AtMost)))
            return ValidationResult.Success;
        var limit = AtMost is null ? "" : $" of at most {AtMost}";
        return new ValidationResult($"must be a positive time span{limit} (e.g. {example}), not {span}.", [context.MemberName!]);
    }
}
