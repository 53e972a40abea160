namespace PhotonSupport.Workers.Search;

/// <summary>
/// The searchable text and the marks a snippet carries. Control characters never reach the index, so the two
/// marks below can only come from <c>ts_headline</c>, and the Api can escape the snippet and then turn them into HTML.
/// </summary>
public static class SearchText
{
    public const char MarkStart = '\u0002';
    public const char MarkEnd = '\u0003';

    public static string Passage(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? ' ' : source[i];
    });
}
