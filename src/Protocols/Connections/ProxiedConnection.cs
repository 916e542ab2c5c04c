using System.Net;

namespace Gateway.Protocols.Connections;

/// <summary>The load balancer a connection came through, whose PROXY header named the real client; it becomes the connection's <c>proxy</c> tag.</summary>
public sealed record ProxiedConnection(EndPoint? Proxy);
