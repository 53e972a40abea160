using JasperFx.Events;
using Marten.Events.Aggregation;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Search;

/// <summary>
/// Gathers a ticket's searchable text as its stream grows. Runs in the async daemon: a search may wait a moment
/// for it (<see cref="ReadModels.ProjectionFreshness"/>), a ticket command must not.
/// </summary>
public sealed class TicketSearchProjection : SingleStreamProjection<TicketSearchDocument, Guid>
{
    public const string ProjectionName = "TicketSearch";

    public TicketSearchProjection()
    {
        Name = ProjectionName;
    }

    public override TicketSearchDocument? Evolve(TicketSearchDocument? document, Guid id, IEvent e) => (document, e.Data) switch
    {
        (_, DeviceReported r) => new TicketSearchDocument(id, r.Reference, r.DeviceId, SearchText.Passage(r.Symptom)),
        ({ } d, NoteAdded n) => d.With(n.Text),
        ({ } d, DeviceReportCorrected { Symptom: { } symptom }) => d.With(symptom),
        ({ } d, DiagnosisRecorded r) => d.With(r.Cause),
        ({ } d, CustomerReplied r) => d.With($"{r.Subject}: {r.Text}"),
        _ => document,
    };
}
