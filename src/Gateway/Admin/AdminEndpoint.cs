using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Admin;

/// <summary>Where the admin HTTP API is bound (with the real port once Kestrel has bound a port-0 endpoint).</summary>
public sealed class AdminEndpoint : Gateway.Protocols.Sniff.IAdminAddress
{
    private ListenOptions? _binding;
    private Gateway.Protocols.Connections.ListenerTls? _tls;

    public EndPoint? EndPoint => _binding?.EndPoint;

    public void BoundTo(ListenOptions binding) => _binding = binding;

    /// <summary>The certificate when the admin API serves HTTPS (<c>Admin:Tls</c>); null for HTTP.</summary>
    public Gateway.Protocols.Connections.ListenerTls? Tls
    {
        get => Volatile.Read(ref _tls);
        set => Volatile.Write(ref _tls, value);
    }

    public string Scheme => Tls is null ? "http" : "https";

    public int? Port => (EndPoint as IPEndPoint)?.Port;

    public string Url => $"{Scheme}://{EndPoint}";
}
