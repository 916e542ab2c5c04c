using Polly;

namespace Gateway.Payments;

/// <summary>Runs every provider request through <see cref="PaymentResilience.Pipeline"/>.</summary>
public sealed class ResilienceHandler(PaymentResilience resilience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PaymentResilience.RequestKey, request);
        try
        {
            return await resilience.Pipeline.ExecuteAsync(
                static async (context, state) => await state.Handler.SendOnceAsync(state.Request, context.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
