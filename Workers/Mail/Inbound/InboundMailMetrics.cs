using System.Diagnostics.Metrics;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>Counts of what the mailbox worker did with each mail, so a growing quarantine is seen on a dashboard, not found by chance.</summary>
public sealed class InboundMailMetrics
{
    public const string MeterName = "PhotonSupport.Mail.Inbound";

    private readonly Counter<long> _handled;

    public InboundMailMetrics(IMeterFactory meters) =>
        _handled = meters.Create(MeterName).CreateCounter<long>("photonsupport.mail.inbound.handled", "{mail}",
            "Mails handled, by disposition (Processed, Quarantined), whether a machine sent them and whether they were seen before");

    public void Handled(InboundMailOutcome outcome) => _handled.Add(1,
        new("disposition", outcome.Disposition.ToString()), new("automatic", outcome.Automatic), new("duplicate", outcome.Duplicate));
}
