using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Gateway.Http;

/// <summary>
/// A body the JSON binding refused (malformed, or a value of the wrong type), as a 400 problem that names the field
/// where reading stopped and says what that field takes, without the serializer's .NET type names.
/// </summary>
internal static class RejectedBody
{
    public static HttpValidationProblemDetails Problem(HttpContext context, Endpoint? endpoint, JsonException json)
    {
        var field = json.Path is ['$', '.', .. var name] ? name : null;
        if (field is null)
        {
            return new HttpValidationProblemDetails { Detail = "The request body is not a JSON object this endpoint can read." };
        }

        var expected = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body ? Expected(context, body, field) : null;
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [expected is null ? $"{field} is not valid JSON of the expected type." : $"{field} must be {expected}."],
        })
        {
            Detail = $"The request body's {field} is malformed or of the wrong type.",
        };
    }

    private static string? Expected(HttpContext context, Type body, string field)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var property = options.GetTypeInfo(body).Properties.FirstOrDefault(p => p.Name == field);
        return (property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
        {
            null => null,
            var type when type == typeof(string) => "a string",
            var type when type == typeof(bool) => "true or false",
            var type when type == typeof(int) || type == typeof(long) => "a whole number",
            var type when type == typeof(decimal) || type == typeof(double) => "a number",
            _ => null,
        };
    }
}
