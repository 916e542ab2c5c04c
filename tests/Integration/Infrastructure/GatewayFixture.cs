namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>One Gateway with the default configuration, shared by the tests of a class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayInstance? _gateway;

    public GatewayInstance Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _gateway = await GatewayInstance.StartAsync();

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
