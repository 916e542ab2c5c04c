using Gateway.Hosting;

if (args is [HashPasswordCommand.Name])
{
    return HashPasswordCommand.Run(Console.In, Console.Out, Console.Error);
}

return await GatewayHost.RunAsync(args, InlineSocketCompletions.EnableWhenConfigured);
