using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using static Gateway.Tests.Integration.Streaming.StreamClient;

namespace Gateway.Tests.Integration.Streaming;

/// <summary><c>/api/files</c> on the real host: the same store as the stream protocol, streamed uploads, Range and ETag.</summary>
public class FileApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Admin => fixture.Gateway.Admin;

    private static byte[] Content(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private async Task<HttpResponseMessage> PostRawAsync(string name, byte[] content, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/files" + query) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Add("X-File-Name", name);
        return await Admin.SendAsync(request);
    }

    [Fact]
    public async Task Raw_upload_larger_than_the_json_limit_is_stored_and_served_to_the_stream_protocol()
    {
        var content = Content(3 * 1024 * 1024 + 5);
        using var created = await PostRawAsync("raw.bin", content, $"?sha256={Sha256(content)}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/files/raw.bin", created.Headers.Location?.OriginalString);
        var stored = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((content.Length, Sha256(content)), (stored.GetProperty("length").GetInt32(), stored.GetProperty("sha256").GetString()));

        await using var client = await ConnectAsync(fixture.Gateway.PortOf("stream"));
        Assert.Equal(content, (await client.GetAsync("raw.bin")).Body);
    }

    [Fact]
    public async Task Multipart_upload_is_named_by_its_filename()
    {
        var content = Content(200_000);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", "form.bin" } };
        using var created = await Admin.PostAsync("/api/files", form);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(content, await Admin.GetByteArrayAsync("/api/files/form.bin"));
        var listed = await Admin.GetFromJsonAsync<JsonElement>("/api/files");
        Assert.Contains(listed.EnumerateArray(), f => f.GetProperty("name").GetString() == "form.bin" && f.GetProperty("sha256").GetString() == Sha256(content));
    }

    [Fact]
    public async Task Download_answers_ranges_and_carries_the_sha256_as_its_etag()
    {
        var content = Content(10_000);
        (await PostRawAsync("ranged.bin", content)).Dispose();

        using var whole = await Admin.GetAsync("/api/files/ranged.bin");
        Assert.Equal($"\"{Sha256(content)}\"", whole.Headers.ETag?.Tag);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());

        using var range = new HttpRequestMessage(HttpMethod.Get, "/api/files/ranged.bin");
        range.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var partial = await Admin.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[1000..2000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 1000-1999/10000", partial.Content.Headers.ContentRange?.ToString());

        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/files/ranged.bin");
        resume.Headers.Range = new RangeHeaderValue(9000, null);
        using var tail = await Admin.SendAsync(resume);
        Assert.Equal(content[9000..], await tail.Content.ReadAsByteArrayAsync());

        using var cached = new HttpRequestMessage(HttpMethod.Get, "/api/files/ranged.bin");
        cached.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256(content)}\""));
        using var notModified = await Admin.SendAsync(cached);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Checksum_mismatch_stores_nothing()
    {
        using var refused = await PostRawAsync("mismatch-http.bin", Content(1000), $"?sha256={Sha256([1])}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/files/mismatch-http.bin")).StatusCode);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a b")]
    public async Task Names_that_are_paths_are_refused(string name)
    {
        using var refused = await PostRawAsync(name, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("name not allowed", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_then_gone_and_anonymous_requests_are_refused()
    {
        (await PostRawAsync("deleted.bin", [1])).Dispose();

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("/api/files/deleted.bin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/api/files/deleted.bin")).StatusCode);
        using var anonymous = fixture.Gateway.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/files")).StatusCode);
    }
}
