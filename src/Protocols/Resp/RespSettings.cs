using Gateway.Protocols.Slowlog;

namespace Gateway.Protocols.Resp;

/// <summary>A resp listener's settings as its connections use them, read once from <see cref="RespOptions"/>.</summary>
public sealed class RespSettings
{
    public RespAccess Access { get; init; } = new();

    public SlowlogOptions Slowlog { get; init; } = new();
}
