using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Manage;

/// <summary>
/// Every workspace page, every handler: reads the person's role and locations and refuses (403) a location they may not
/// read, or may not change on anything but a GET or a preview — whatever the request names, however it was made.
/// </summary>
internal sealed class LocationAccessFilter(IOptions<ManageOptions> options, PreviewLimiter previews) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = WorkspaceUser.From(context.HttpContext.User, options.Value);
        if (user.Role == WorkspaceRole.None)
        {
            context.Result = Refuse($"Your account ({user.Person.Name}) has no workspace role. Ask the group's identity administrator to give you the " +
                                    $"'{options.Value.ManagerRole}', '{options.Value.MarketingRole}' or '{options.Value.ViewerRole}' role.");
            return;
        }

        if (context.RouteData.Values.TryGetValue("location", out var value) && value is string location)
        {
            var reading = HttpMethods.IsGet(context.HttpContext.Request.Method) || context.HandlerMethod?.Name == "Preview";
            if (!user.CanRead(location) || (!reading && !user.CanEdit(location)))
            {
                context.Result = Refuse(reading
                    ? "You do not have access to this location. Go back to the workspace's first page for the locations you manage."
                    : "You may not change this location.");
                return;
            }
        }

        if (context.HandlerMethod?.Name == "Preview" && !previews.TryTake(user.Person.Id))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status429TooManyRequests,
                ContentType = "text/html; charset=utf-8",
                Content = "<p class=\"refused\">Too many previews at once; the preview comes back when you pause typing.</p>",
            };
            return;
        }

        context.HttpContext.Items[typeof(WorkspaceUser)] = user;
        await next();
    }

    internal static ContentResult Refuse(string message) => new()
    {
        StatusCode = StatusCodes.Status403Forbidden,
        ContentType = "text/html; charset=utf-8",
        Content = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed</title><link rel=\"stylesheet\" href=\"/manage/assets/manage.css\"></head>" +
                  $"<body><main><h1>Not allowed</h1><p>{WebUtility.HtmlEncode(message)}</p><p><a href=\"/manage\">Workspace</a></p></main></body></html>",
    };
}
