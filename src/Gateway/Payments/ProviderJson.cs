using System.Text.Json;

namespace Gateway.Payments;

public static class ProviderJson
{
    /// <summary>The provider speaks snake_case JSON, like the admin API.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
