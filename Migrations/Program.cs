using JasperFx;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Hosting;

// Scripts, applies or checks the schema (Marten's and Wolverine's tables) of the configured database:
//   db-apply              bring the database up to date
//   db-assert             exit non-zero when the database differs from the code
//   db-patch FILE         write the SQL that db-apply would run, for a DBA to review
//   db-dump FILE          write the whole schema as SQL
var builder = Host.CreateApplicationBuilder(args);
builder.AddPhotonSupport();
return await builder.Build().RunJasperFxCommands(args);
