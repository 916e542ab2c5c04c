using Gateway.Hosting;

return await GatewayHost.RunAsync(args, InlineSocketCompletions.EnableWhenConfigured);
