using System.Reflection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Diagnosis;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>Clients branch on problem types and event names and send LED codes and job kinds: the README names every one the code has.</summary>
public class ReadmeVocabulary
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));

    /// <summary>Every <c>urn:photonsupport:problem:*</c> constant in the Domain and the Api.</summary>
    private static IEnumerable<string> ProblemTypes() =>
        new[] { typeof(TicketRules).Assembly, typeof(ProblemResults).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith("urn:photonsupport:problem:", StringComparison.Ordinal) && v.Length > "urn:photonsupport:problem:".Length)
            .Distinct();

    [Fact]
    public void Every_problem_type_is_documented()
    {
        var types = ProblemTypes().ToArray();

        types.ShouldContain(TicketRules.BackupRequired);
        types.Where(t => !Readme.Contains($"`{t}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_LED_code_is_documented() =>
        LedDiagnosisTable.Codes.Where(c => !c.StartsWith("sos-", StringComparison.Ordinal) && !Readme.Contains($"`{c}`", StringComparison.Ordinal))
            .Append(Readme.Contains("`sos-1` … `sos-14`", StringComparison.Ordinal) ? null : "sos-1 … sos-14")
            .OfType<string>().ShouldBeEmpty();

    [Fact]
    public void Every_ticket_event_is_documented() =>
        typeof(ITicketEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITicketEvent).IsAssignableFrom(t))
            .Select(t => t.Name).Where(name => !Readme.Contains($"`{name}`", StringComparison.Ordinal)).ShouldBeEmpty();

    [Fact]
    public void Every_job_kind_is_documented() =>
        RecoveryJobKinds.Names.Where(k => !Readme.Contains($"`{k}`", StringComparison.Ordinal)).ShouldBeEmpty();
}
