using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Workers.Settings;

/// <summary>
/// Every setting is checked the same way before the host starts: data annotations on its option class (and
/// <see cref="IValidatableObject"/> for rules between settings), each failure naming the setting in full, as an operator
/// writes it (<c>PhotonSupport:Jobs:Lease</c>), and saying what is wrong. A bad value refuses the start.
/// </summary>
public static class SettingsCheck
{
    /// <summary>Settings outside the checked section are named in full by the rule that reads them (they start so).</summary>
    public const string Root = "PhotonSupport:";

    /// <summary>Bound from <paramref name="section"/> and checked when the host starts (ValidateOnStart), for options resolved from the container.</summary>
    public static OptionsBuilder<T> AddCheckedSettings<T>(this IServiceCollection services, IConfiguration configuration, string section, string? name = null)
        where T : class
    {
        name ??= Options.DefaultName;
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(name, section));
        return services.AddOptions<T>(name).Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// Bound and checked at once, for settings the wiring itself needs (a relay built while the host is wired): a bad value
    /// stops the build. <paramref name="complete"/> fills in what comes from outside the section before the check.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section, Action<T>? complete = null) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        complete?.Invoke(options);
        var failures = Failures(options, section);
        return failures.Count == 0 ? options : throw new OptionsValidationException(section, typeof(T), failures);
    }

    /// <summary>What is wrong with <paramref name="options"/>, one sentence per setting; none when all is well.</summary>
    public static List<string> Failures(object options, string section) =>
        Results(options).Select(r => $"{Key(section, r.MemberNames.FirstOrDefault())} {r.ErrorMessage}").ToList();

    /// <summary>The results of a nested settings object (<c>Smtp</c> in <c>PhotonSupport:Mail</c>), its members named under <paramref name="property"/>.</summary>
    public static IEnumerable<ValidationResult> Nested(object options, string property) =>
        Results(options).Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => $"{property}:{m}").ToArray()));

    private static List<ValidationResult> Results(object options)
    {
        var results = new List<ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static string Key(string section, string? member) =>
        member is null ? section : member.StartsWith(Root, StringComparison.Ordinal) ? member : $"{section}:{member}";

    private sealed class Validator<T>(string name, string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (optionsName != name) return ValidateOptionsResult.Skip;
            var failures = Failures(options, section);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
