using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Users;

/// <summary>
/// Source-generated JSON for the user bodies, with the API's snake_case names. Added to the HTTP JSON options'
/// resolvers, and used directly by the hot <c>GET /api/users/{id}</c>, where it serializes without any metadata lookup.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(List<UserView>))]
[JsonSerializable(typeof(UserRequest))]
public sealed partial class UserJson : JsonSerializerContext
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// A user as a 200 reply serialized up front, so it goes out with a Content-Length in one write: streamed JSON
    /// is sent chunked, with the closing chunk as a second write.
    /// </summary>
    public static IResult Reply(UserView user) => TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(user, Default.UserView), ContentType);
}
