using System.Text.Json;

namespace Gateway.Users;

/// <summary>The fields a <c>PATCH</c> body sets; an absent field keeps its value, and <c>"age": null</c> clears the age.</summary>
public sealed record UserPatch(string? Username, string? Email, bool HasAge, int? Age)
{
    /// <summary>Reads the body, or returns the 400 problem that says what is wrong with it.</summary>
    public static IResult? Read(JsonElement body, out UserPatch patch)
    {
        patch = new UserPatch(null, null, false, null);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body must be a JSON object with any of username, email and age.");
        }

        var errors = new Dictionary<string, string[]>();
        string? username = null, email = null;
        int? age = null;
        var hasAge = false;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "username" when property.Value.ValueKind == JsonValueKind.String:
                    username = property.Value.GetString();
                    break;
                case "email" when property.Value.ValueKind == JsonValueKind.String:
                    email = property.Value.GetString();
                    break;
                case "age" when property.Value.ValueKind == JsonValueKind.Null:
                    hasAge = true;
                    break;
                case "age" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var value):
                    (hasAge, age) = (true, value);
                    break;
                case "username" or "email":
                    errors[property.Name] = [$"{property.Name} must be a string."];
                    break;
                case "age":
                    errors["age"] = [$"age must be a whole number between 0 and {UserRules.MaxAge}, or null."];
                    break;
            }
        }

        patch = new UserPatch(username, email, hasAge, age);
        return errors.Count == 0 ? null : Results.ValidationProblem(errors, detail: "One or more fields are invalid.");
    }
}
