using System.Globalization;
using System.Text.Json;

namespace Gateway.Users;

/// <summary><c>/api/users</c> (ADMIN-API.md "Users").</summary>
public static class UserEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users");

        group.MapGet("", async (UserStore users, HttpContext http, int? page, int? limit, CancellationToken cancellationToken) =>
            CheckPaging(page ?? 1, limit ?? 50) is { } invalid
                ? invalid
                : Paged(http, await users.ListAsync(page ?? 1, limit ?? 50, cancellationToken)))
            .WithSummary("Users ordered by id; X-Total-Count has the total.")
            .Produces<List<UserView>>().ProducesValidationProblem();

        group.MapGet("/search", async (UserStore users, HttpContext http, string? q, int? page, int? limit, CancellationToken cancellationToken) =>
            string.IsNullOrWhiteSpace(q) ? Invalid("q", "q is required: the text to look for in usernames and e-mail addresses.")
            : CheckPaging(page ?? 1, limit ?? 10) is { } invalid ? invalid
            : Paged(http, await users.SearchAsync(q.Trim(), page ?? 1, limit ?? 10, cancellationToken)))
            .WithSummary("Users whose username or e-mail contains q, ignoring case.")
            .Produces<List<UserView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (UserReplyCache replies, IUserLookup users, long id, CancellationToken cancellationToken) =>
            await replies.FindAsync(id, users, cancellationToken) ?? NotFound(id))
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", async (UserStore users, UserRequest body, CancellationToken cancellationToken) =>
        {
            if (Check(body.Username, body.Email, body.Age) is { } invalid)
            {
                return invalid;
            }

            var user = new User { Username = body.Username!, Email = body.Email!.Trim(), NormalizedEmail = UserRules.Normalize(body.Email), Age = body.Age };
            return await users.CreateAsync(user, cancellationToken)
                ? Results.Created($"/api/users/{user.Id}", UserView.From(user))
                : EmailTaken(body.Email);
        })
            .Produces<UserView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id}", async (UserStore users, long id, UserRequest body, CancellationToken cancellationToken) =>
        {
            if (Check(body.Username, body.Email, body.Age) is { } invalid)
            {
                return invalid;
            }

            var user = await users.FindAsync(id, cancellationToken);
            if (user is null)
            {
                return NotFound(id);
            }

            (user.Username, user.Email, user.NormalizedEmail, user.Age) = (body.Username!, body.Email!.Trim(), UserRules.Normalize(body.Email), body.Age);
            return await users.UpdateAsync(cancellationToken) ? Results.Ok(UserView.From(user)) : EmailTaken(body.Email);
        })
            .WithSummary("Replaces every field of a user.")
            .Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPatch("/{id}", async (UserStore users, long id, JsonElement body, CancellationToken cancellationToken) =>
        {
            if (UserPatch.Read(body, out var patch) is { } unreadable)
            {
                return unreadable;
            }

            var user = await users.FindAsync(id, cancellationToken);
            if (user is null)
            {
                return NotFound(id);
            }

            var username = patch.Username ?? user.Username;
            var email = patch.Email ?? user.Email;
            var age = patch.HasAge ? patch.Age : user.Age;
            if (Check(username, email, age) is { } invalid)
            {
                return invalid;
            }

            (user.Username, user.Email, user.NormalizedEmail, user.Age) = (username, email.Trim(), UserRules.Normalize(email), age);
            return await users.UpdateAsync(cancellationToken) ? Results.Ok(UserView.From(user)) : EmailTaken(email);
        })
            .WithSummary("Changes only the fields present in the body.")
            .Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{id}", async (UserStore users, long id, CancellationToken cancellationToken) =>
            await users.DeleteAsync(id, cancellationToken) ? Results.NoContent() : NotFound(id))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static IResult? Check(string? username, string? email, int? age)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, error) in new[] { ("username", UserRules.CheckUsername(username)), ("email", UserRules.CheckEmail(email)), ("age", UserRules.CheckAge(age)) })
        {
            if (error is not null)
            {
                errors[field] = [error];
            }
        }

        return errors.Count == 0 ? null : Results.ValidationProblem(errors, detail: "One or more fields are invalid.");
    }

    private static IResult? CheckPaging(int page, int limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxPageSize}."];
        }

        return errors.Count == 0 ? null : Results.ValidationProblem(errors, detail: "The paging parameters are invalid.");
    }

    private static IResult Invalid(string field, string error) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, detail: error);

    private static IResult Paged(HttpContext http, (List<User> Page, int Total) result)
    {
        http.Response.Headers["X-Total-Count"] = result.Total.ToString(CultureInfo.InvariantCulture);
        return Results.Ok(result.Page.Select(UserView.From).ToList());
    }

    private static IResult NotFound(long id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No user has id {id}.");

    private static IResult EmailTaken(string? email) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"Another user already has the e-mail address '{email?.Trim()}'.");
}
