using PhotonSupport.Api.Hosting;

var app = ApiHost.Build(args);
await app.RunAsync();
