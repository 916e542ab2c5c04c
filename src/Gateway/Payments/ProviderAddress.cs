using System.Net;
using Gateway.Admin;
using Microsoft.Extensions.Options;

namespace Gateway.Payments;

/// <summary>The provider's base address: <c>Payments:BaseUrl</c>, or this Gateway's own sandbox.</summary>
public sealed class ProviderAddress(IOptions<PaymentOptions> options, AdminEndpoint admin)
{
    public Uri BaseUri => options.Value.BaseUrl is { Length: > 0 } configured
        ? new Uri(configured.TrimEnd('/') + "/")
        : new Uri($"http://127.0.0.1:{(admin.EndPoint as IPEndPoint)?.Port ?? 8080}/sandbox/");

    public Uri For(string relative) => new(BaseUri, relative);
}
