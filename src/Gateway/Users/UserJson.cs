using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Users;

/// <summary>
/// Source-generated JSON for the user bodies, with the API's snake_case names. Added to the HTTP JSON options'
/// resolvers, and used directly by <see cref="UserReply"/>, which serializes without any metadata lookup.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(List<UserView>))]
[JsonSerializable(typeof(UserRequest))]
public sealed partial class UserJson : JsonSerializerContext
{
}
