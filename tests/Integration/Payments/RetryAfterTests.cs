using System.Net;
using System.Net.Http.Headers;
using Gateway.Payments;

namespace Gateway.Tests.Integration.Payments;

/// <summary>The provider's <c>Retry-After</c>, in both of its forms, read against the given clock rather than the machine's.</summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_date_is_the_wait_from_the_given_now()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), PaymentResilience.RetryAfter(response, Now));
    }

    [Fact]
    public void A_date_already_past_is_no_wait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-7));

        Assert.Equal(TimeSpan.Zero, PaymentResilience.RetryAfter(response, Now));
    }

    [Fact]
    public void Seconds_are_taken_as_they_are_and_no_header_is_no_hint()
    {
        using var delta = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        delta.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(3), PaymentResilience.RetryAfter(delta, Now));
        Assert.Null(PaymentResilience.RetryAfter(none, Now));
    }
}
