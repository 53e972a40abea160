namespace PhotonSupport.Workers.Search;

/// <summary>
/// What full-text search reads of one ticket: its reference and device id for exact matches, and the text
/// people wrote about it (symptom, notes, diagnoses, the customer's mail), one passage a line.
/// </summary>
public sealed record TicketSearchDocument(Guid Id, string Reference, string DeviceId, string SearchText)
{
    public TicketSearchDocument With(string passage) => this with { SearchText = SearchText + "\n" + Search.SearchText.Passage(passage) };
}
