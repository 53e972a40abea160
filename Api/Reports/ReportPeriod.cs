using System.Globalization;
using System.Text.RegularExpressions;

namespace PhotonSupport.Api.Reports;

/// <summary>
/// The ends of a report's period as a query string carries them: an ISO-8601 date (a whole UTC day) or a
/// date-time with or without an offset (UTC when it has none).
/// </summary>
public static partial class ReportPeriod
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex DateTimeShape();

    /// <summary>
    /// The moment <paramref name="value"/> names; a date stands for its first moment, or, as the period's end,
    /// its last (PostgreSQL keeps microseconds). A '+' sent unencoded arrives as a space and is read as the '+' it was.
    /// </summary>
    public static bool TryParse(string value, bool endOfPeriod, out DateTimeOffset moment)
    {
        moment = default;
        var text = value.Trim().Replace(' ', '+');
        if (DateOnlyShape().IsMatch(text))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            moment = !endOfPeriod ? start
                : date == DateOnly.MaxValue ? DateTimeOffset.MaxValue
                : start.AddDays(1).AddTicks(-TimeSpan.TicksPerMicrosecond);
            return true;
        }
        return DateTimeShape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment);
    }
}
