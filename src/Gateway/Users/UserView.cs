namespace Gateway.Users;

/// <summary>A user as the API returns it.</summary>
public sealed record UserView(long Id, string Username, string Email, int? Age, DateTime CreatedAt)
{
    public static UserView From(User user) => new(user.Id, user.Username, user.Email, user.Age, user.CreatedAt);
}
