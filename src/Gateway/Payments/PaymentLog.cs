namespace Gateway.Payments;

internal static partial class PaymentLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment provider circuit opened for {BreakDuration}: payments are refused without calling the provider; last failure: {Failure}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment provider circuit half-open: one payment goes through as the trial")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment provider circuit closed: the provider answers again")]
    public static partial void CircuitClosed(ILogger logger);
}
