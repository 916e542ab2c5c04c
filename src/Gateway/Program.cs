using Gateway.Hosting;

var app = GatewayHost.Build(args);
return await GatewayHost.RunAsync(app);
