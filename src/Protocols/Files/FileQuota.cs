namespace Gateway.Protocols.Files;

/// <summary>How much the store may hold when a file arrives through one listener (or the admin API): total bytes and file count.</summary>
public sealed record FileQuota(long MaxBytes, int MaxFiles);
