using Microsoft.Extensions.Hosting;

namespace PhotonSupport.Workers.Hosting;

/// <summary>Builds the headless node; <c>Program</c> runs it (or a JasperFx command on it), the tests build the same thing.</summary>
public static class WorkersHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.LeaveStartFailuresToTheProgram();
        builder.AddPhotonSupport();
        return builder.Build();
    }
}
