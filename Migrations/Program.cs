using JasperFx;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Migrations;
using PhotonSupport.Workers.Hosting;

// apply | check | script FILE over the database the hosts use (SchemaCommand); any other command is JasperFx's
// (db-list, db-apply, db-assert, db-patch FILE, db-dump FILE -d DATABASE, …), kept for what ours do not cover.
if (args is [var verb, ..] && SchemaCommand.Verbs.Contains(verb)) return await SchemaCommand.RunAsync(args, Console.Out, Console.Error);

var builder = Host.CreateApplicationBuilder(args);
builder.AddPhotonSupport();
return await builder.Build().RunJasperFxCommands(args);
