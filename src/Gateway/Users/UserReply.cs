using System.Text.Json;

namespace Gateway.Users;

/// <summary>
/// A user as a 200 reply, serialized once: it goes out with a Content-Length in one write (streamed JSON is sent
/// chunked, with the closing chunk as a second write), and, immutable, one cached reply serves many requests.
/// </summary>
public sealed class UserReply(User user) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly byte[] _body = JsonSerializer.SerializeToUtf8Bytes(UserView.From(user), UserJson.Default.UserView);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = _body.Length;
        await response.Body.WriteAsync(_body, httpContext.RequestAborted);
    }
}
