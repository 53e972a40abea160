using System.Runtime.CompilerServices;
using PhotonSupport.Workers.Mail.Inbound;

namespace PhotonSupport.Workers.Tests.Mail;

/// <summary>The code pages every host registers in its wiring (<see cref="InboundMailWiring.RegisterMailCharsets"/>); these tests run without a host.</summary>
internal static class MailCharsets
{
    [ModuleInitializer]
    internal static void Register() => InboundMailWiring.RegisterMailCharsets();
}
