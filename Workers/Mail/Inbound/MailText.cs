using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>What a person newly wrote in a mail: the body without the history their client quoted below it.</summary>
public static partial class MailText
{
    // "On Tue, 3 Mar 2026 at 10:00, Desk <desk@...> wrote:" as Gmail, Apple Mail and Thunderbird write it;
    // long ones are wrapped, so the "wrote:" may end the next line.
    [GeneratedRegex(@"^On\s.*\bwrote:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^-{2,}\s*Original Message\s*-{2,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookSeparator();

    /// <summary>The new text of <paramref name="message"/>: its plain text part, or its HTML's text, stripped of quotes.</summary>
    public static string NewText(MimeMessage message) =>
        StripQuoted(message.TextBody ?? (message.HtmlBody is { } html ? TextOfHtml(html) : ""));

    /// <summary>
    /// Drops lines quoted with '>' and everything from an "On ... wrote:" attribution (or Outlook's
    /// "Original Message" separator) down: what stays is what the sender wrote this time.
    /// </summary>
    public static string StripQuoted(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (OutlookSeparator().IsMatch(line) || Attribution().IsMatch(line)) break;
            if (line.StartsWith("On ", StringComparison.OrdinalIgnoreCase) && i + 1 < lines.Length && Attribution().IsMatch(line + " " + lines[i + 1].Trim())) break;
            if (line.TrimStart().StartsWith('>')) continue;
            kept.Add(line);
        }
        return string.Join('\n', kept).Trim();
    }

    private static string TextOfHtml(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skipping = false;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Style or HtmlTagId.Script or HtmlTagId.BlockQuote:
                    // A quoted reply in HTML is a blockquote; styles and scripts are not text.
                    skipping = !tag.IsEndTag;
                    break;
                case HtmlTagToken tag when !tag.IsEndTag && tag.Id is HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when !skipping:
                    text.Append(data.Data);
                    break;
            }
        }
        return text.ToString();
    }
}
