namespace Gateway.Tests.Integration.Infrastructure;

/// <summary>Tests that measure the whole process (allocations) and so must not share it with other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = nameof(RunsAlone);
}
