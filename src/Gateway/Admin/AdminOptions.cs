namespace Gateway.Admin;

/// <summary>The <c>Admin</c> configuration section: where the HTTP admin API listens.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary><c>*</c> for every interface, <c>localhost</c> for loopback, or an IP address.</summary>
    public string Address { get; set; } = "*";

    public int Port { get; set; } = 8080;
}
