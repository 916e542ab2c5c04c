using System.Net;
using Gateway.Tests.Integration.Infrastructure;

namespace Gateway.Tests.Integration.Hosting;

public class HealthTests
{
    [Fact]
    public async Task Liveness_probe_answers_while_serving()
    {
        await using var gateway = await GatewayInstance.StartAsync();

        var response = await gateway.Admin.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
