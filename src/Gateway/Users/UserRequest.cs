namespace Gateway.Users;

/// <summary>The body of <c>POST</c> and <c>PUT /api/users</c>.</summary>
public sealed record UserRequest(string? Username, string? Email, int? Age);
