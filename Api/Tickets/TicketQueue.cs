using System.Reflection;
using System.Text.Json;
using Marten;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>The queue's query string. Its properties are the accepted parameters; anything else is refused.</summary>
public sealed record TicketQueueQuery(string? Status, string? Platform, string? DeviceId, string? OwnerEmail, string? Assignee, string? Cursor, string? PageSize);

/// <summary>
/// One page of the queue. <see cref="Total"/> counts every ticket the filters match, on every page (past the end too),
/// exactly up to <see cref="TicketQueue.CountLimit"/>; beyond that it is that limit and <see cref="TotalIsExact"/> is false.
/// <see cref="Next"/> is the cursor of the following page, null on the last.
/// </summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int PageSize, long Total, bool TotalIsExact, string? Next);

/// <summary>
/// The queue, most recently updated first, read with a keyset cursor on (updatedAt desc, id desc): each page is one
/// walk down the (updated_at, id) index from where the last one stopped, however deep, with no offset to skip.
/// A walk shows each ticket at most once: one updated during the walk moves above the cursor (it is newer than
/// everything walked), so it is not shown again, and a walk from the first page shows it first. Tickets not updated
/// during the walk are each shown exactly once. Every filter is a condition on an indexed column; one method each.
/// </summary>
public sealed class TicketQueue
{
    public const string Mine = "me";
    public const string Unassigned = "none";

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Counting stops here: a bounded walk of an index, not a count of the whole table per page.</summary>
    public const int CountLimit = 10_000;

    public static readonly IReadOnlyList<string> Accepted = typeof(TicketQueueQuery)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();

    private readonly List<string> _conditions = [];
    private readonly List<object> _values = [];
    private readonly Dictionary<string, string[]> _errors = [];
    private TicketCursor? _after;
    private int _pageSize = DefaultPageSize;

    /// <summary>The queue <paramref name="query"/> asks for; <paramref name="caller"/> is who <c>assignee=me</c> means.</summary>
    public static TicketQueue From(TicketQueueQuery query, IQueryCollection given, string caller)
    {
        var queue = new TicketQueue();
        queue.Unknown(given.Keys);
        if (query.Status is not null) queue.Status(query.Status);
        if (query.Platform is not null) queue.Platform(query.Platform);
        if (query.DeviceId is not null) queue.DeviceId(query.DeviceId);
        if (query.OwnerEmail is not null) queue.OwnerEmail(query.OwnerEmail);
        if (query.Assignee is not null) queue.Assignee(query.Assignee, caller);
        if (query.Cursor is not null) queue.After(query.Cursor);
        if (query.PageSize is not null) queue.PageSize(query.PageSize);
        return queue;
    }

    /// <summary>The problem naming every parameter that was refused, or null.</summary>
    public IResult? Refused => _errors.Count == 0 ? null : Results.Problem(ProblemResults.Invalid(_errors));

    private void Unknown(IEnumerable<string> given)
    {
        foreach (var name in given.Where(n => !Accepted.Contains(n, StringComparer.OrdinalIgnoreCase)))
            _errors[name] = [$"'{name}' is not a filter of the queue; it takes {string.Join(", ", Accepted)}."];
    }

    private void Status(string status)
    {
        if (EnumNames.TryParse<TicketStatus>(status, out var s)) Where("status = ?", s.ToString());
        else _errors["status"] = [$"'status' must be one of {string.Join(", ", EnumNames.Of<TicketStatus>())}."];
    }

    private void Platform(string platform)
    {
        if (EnumNames.TryParse<Platform>(platform, out var p)) Where("platform = ?", p.ToString());
        else _errors["platform"] = [$"'platform' must be one of {string.Join(", ", PlatformCatalog.Names)}."];
    }

    private void DeviceId(string deviceId)
    {
        if (DeviceIds.IsValid(deviceId)) Where("device_id = ?", DeviceIds.Normalize(deviceId));
        else _errors["deviceId"] = ["'deviceId' must be 24 hexadecimal characters."];
    }

    /// <summary>Addresses are compared without case, on the lower-cased column's index.</summary>
    private void OwnerEmail(string ownerEmail) => Where("lower(owner_email) = lower(?)", ownerEmail.Trim());

    /// <summary>
    /// A staff member's name, <c>me</c> for the caller's own cases, <c>none</c> for the cases nobody has. Both words
    /// are reserved: a key named "me" or "none" is found through <c>me</c>.
    /// </summary>
    private void Assignee(string assignee, string caller)
    {
        var name = assignee.Trim();
        if (name.Length is 0 or > AssignTicket.MaxAssigneeLength)
            _errors["assignee"] = [$"'assignee' is a staff member's name (1 to {AssignTicket.MaxAssigneeLength} characters), '{Mine}' or '{Unassigned}'."];
        else if (name == Unassigned) _conditions.Add("assignee is null");
        else Where("assignee = ?", name == Mine ? caller : name);
    }

    private void After(string cursor)
    {
        if (TicketCursor.TryDecode(cursor, out var after)) _after = after;
        else _errors["cursor"] = ["'cursor' must be a 'next' value from an earlier page of the queue."];
    }

    private void PageSize(string pageSize)
    {
        if (int.TryParse(pageSize, out var size) && size is >= 1 and <= MaxPageSize) _pageSize = size;
        else _errors["pageSize"] = [$"'pageSize' must be a whole number between 1 and {MaxPageSize}."];
    }

    private void Where(string condition, object value)
    {
        _conditions.Add(condition);
        _values.Add(value);
    }

    public async Task<TicketPage> ReadAsync(IQuerySession session, CancellationToken cancellation)
    {
        var filters = _conditions.Count == 0 ? "" : $"where {string.Join(" and ", _conditions)}";
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(Ticket)).TableName.QualifiedName;
        var counted = await session.QueryAsync<long>(
            $"select count(*) from (select 1 from {table} {filters} limit {CountLimit + 1}) as matching", cancellation, [.. _values]);
        var total = counted.Single();

        // One more than a page, to know whether there is a next one; the row comparison walks the index from the cursor.
        var keyset = _after is null ? [] : new[] { "(updated_at, id) < (?, ?)" };
        var page = string.Join(" and ", _conditions.Concat(keyset)) is { Length: > 0 } all ? $"where {all}" : "";
        object[] values = _after is null ? [.. _values, _pageSize + 1] : [.. _values, _after.UpdatedAt, _after.Id, _pageSize + 1];
        var tickets = await session.QueryAsync<Ticket>($"{page} order by updated_at desc, id desc limit ?", cancellation, values);

        var items = tickets.Take(_pageSize).Select(TicketSummary.From).ToArray();
        var next = tickets.Count > _pageSize ? new TicketCursor(items[^1].UpdatedAt, items[^1].Id).Encode() : null;
        return new TicketPage(items, _pageSize, Math.Min(total, CountLimit), total <= CountLimit, next);
    }
}
