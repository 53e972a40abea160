using System.Net;
using System.Text.RegularExpressions;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>A mail rendered from its template: the text part's first line is the subject.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// The mail templates are files embedded in this assembly (Workers/Mail/Templates/NAME.txt and NAME.html),
/// so wording changes need no code. <c>{{name}}</c> is replaced by a value; in the HTML part the value is
/// HTML-encoded, so nothing an owner or a bench wrote can become markup.
/// </summary>
public static partial class MailTemplates
{
    private const string SubjectPrefix = "Subject: ";

    public static RenderedMail Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = Fill(Load(template, "txt"), values, v => v);
        var html = Fill(Load(template, "html"), values, WebUtility.HtmlEncode);
        var lineEnd = text.IndexOf('\n');
        if (!text.StartsWith(SubjectPrefix, StringComparison.Ordinal) || lineEnd < 0)
            throw new InvalidOperationException($"Mail template {template}.txt must begin with a '{SubjectPrefix}' line.");
        return new RenderedMail(text[SubjectPrefix.Length..lineEnd].Trim(), text[(lineEnd + 1)..].TrimStart('\n'), html);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, Func<string, string> encode) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? encode(value)
            : throw new InvalidOperationException($"Mail template placeholder {m.Value} has no value."));

    private static string Load(string template, string extension)
    {
        var name = $"PhotonSupport.Mail.Templates.{template}.{extension}";
        using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No mail template {name} is embedded in the Workers assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
