namespace Gateway.Protocols.KeyValue;

public enum SetCondition
{
    Always,
    IfMissing,
    IfExists,
}

public enum SetOutcome
{
    Stored,
    ConditionNotMet,
    OutOfMemory,
}

public enum IncrementOutcome
{
    Done,
    NotAnInteger,
    Overflow,
    OutOfMemory,
}
