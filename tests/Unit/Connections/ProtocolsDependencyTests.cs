using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Gateway.Protocols;

namespace Gateway.Tests.Unit.Connections;

/// <summary>
/// The protocols know connections and pipes, never a server: the framework reference that brings
/// Microsoft.AspNetCore.Connections.Abstractions also brings Kestrel, so the compiled assembly is checked.
/// </summary>
public class ProtocolsDependencyTests
{
    /// <summary>Kestrel, hosting and HTTP; the feature collection a connection carries lives in <c>Microsoft.AspNetCore.Http.Features</c> and is allowed.</summary>
    private static bool Forbidden(string name) =>
        name.StartsWith("Microsoft.AspNetCore.Server", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
        || (name.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal) && !name.StartsWith("Microsoft.AspNetCore.Http.Features", StringComparison.Ordinal));

    [Fact]
    public void Protocols_assembly_references_no_server_or_http_assembly()
    {
        var metadata = Read(out var reader);
        using (metadata)
        {
            var assemblies = reader.AssemblyReferences.Select(a => reader.GetString(reader.GetAssemblyReference(a).Name)).ToList();

            Assert.Contains("Microsoft.AspNetCore.Connections.Abstractions", assemblies);
            Assert.DoesNotContain(assemblies, Forbidden);
        }
    }

    [Fact]
    public void Protocols_code_uses_no_server_or_http_type()
    {
        var metadata = Read(out var reader);
        using (metadata)
        {
            var used = reader.TypeReferences.Select(t => reader.GetTypeReference(t)).Select(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}").ToList();

            Assert.Contains("Microsoft.AspNetCore.Connections.ConnectionContext", used);
            Assert.DoesNotContain(used, Forbidden);
        }
    }

    private static PEReader Read(out MetadataReader reader)
    {
        var pe = new PEReader(File.OpenRead(typeof(IProtocol).Assembly.Location));
        reader = pe.GetMetadataReader();
        return pe;
    }
}
