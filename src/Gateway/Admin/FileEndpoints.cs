using Gateway.Protocols.Files;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Admin;

/// <summary>
/// <c>/api/files</c>: the stream protocol's file store over HTTP, with the same names, quota and checksum rules.
/// Uploads (multipart/form-data or a raw body named by <c>X-File-Name</c>) are streamed to disk; downloads answer
/// <c>Range</c> requests and carry the SHA-256 as their <c>ETag</c>.
/// </summary>
public static class FileEndpoints
{
    public const string FileNameHeader = "X-File-Name";

    public static RouteGroupBuilder MapFileEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/files").WithTags("Files");

        group.MapGet("", (FileStore store) => store.List())
            .WithSummary("Every stored file with its length and SHA-256.")
            .Produces<IReadOnlyList<StoredFile>>();

        group.MapGet("/{name}", (FileStore store, string name) => Answer(() =>
            {
                var (file, content) = store.OpenRead(name);
                return Results.Stream(
                    new FileStream(content, FileAccess.Read, bufferSize: 0),
                    "application/octet-stream",
                    entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""),
                    enableRangeProcessing: true);
            }))
            .WithSummary("A file's content. Range requests get 206 with the part asked for; the ETag is the content's SHA-256 (If-None-Match answers 304).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", UploadAsync)
            .WithSummary("Store a file, streamed to disk: multipart/form-data (one file part, named by its filename) or any other body named by the X-File-Name header. " +
                "An existing file of that name is replaced once the new one is complete.")
            .WithDescription("Names are 1 to 128 of A-Z a-z 0-9 . _ - without '..'. The optional sha256 query parameter is the checksum the content must have; " +
                "a mismatch stores nothing (422). Over the Files quota: 413.")
            .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*")
            .Produces<StoredFile>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{name}", (FileStore store, string name) => Answer(() =>
            {
                store.Delete(name);
                return Results.NoContent();
            }))
            .WithSummary("Delete a file.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, FileStore store, IOptions<FileApiOptions> options, string? sha256, CancellationToken cancellationToken)
    {
        // The quota bounds uploads, not the admin API's limit for JSON bodies.
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var request = context.Request;
        Stream body;
        string? name;
        long expectedLength = 0;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            var part = boundary is null ? null : await FirstFilePartAsync(new MultipartReader(boundary, request.Body), cancellationToken);
            if (part is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The multipart body has no file part (Content-Disposition with a filename).");
            }

            (name, body) = part.Value;
        }
        else
        {
            name = request.Headers[FileNameHeader].ToString();
            body = request.Body;
            expectedLength = request.ContentLength ?? 0;
            if (name.Length == 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"Name the file with the {FileNameHeader} header, or send multipart/form-data.");
            }
        }

        return await AnswerAsync(async () =>
        {
            await using var upload = store.BeginUpload(name, expectedLength, options.Value.Quota);
            await upload.WriteAllAsync(body, cancellationToken);
            var stored = await upload.CommitAsync(sha256, cancellationToken);
            return Results.Created($"/api/files/{stored.Name}", stored);
        });
    }

    private static async Task<(string Name, Stream Body)?> FirstFilePartAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition())
            {
                return (HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "", section.Body);
            }
        }

        return null;
    }

    private static IResult Answer(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (FileStoreException refused)
        {
            return Problem(refused);
        }
    }

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (FileStoreException refused)
        {
            return Problem(refused);
        }
    }

    private static IResult Problem(FileStoreException refused) => Results.Problem(
        statusCode: refused.Problem switch
        {
            FileProblem.NotFound => StatusCodes.Status404NotFound,
            FileProblem.QuotaExceeded => StatusCodes.Status413PayloadTooLarge,
            FileProblem.ChecksumMismatch => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        },
        detail: refused.Problem == FileProblem.NameNotAllowed
            ? $"{refused.Reason}: names are 1 to {FileNames.MaxLength} of A-Z a-z 0-9 . _ - without '..'."
            : refused.Reason);
}
