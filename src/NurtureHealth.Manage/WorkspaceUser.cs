using System.Security.Claims;
using System.Text.Json;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage;

/// <summary>What a signed-in person may do in the workspace, read from their claims with the mapping in <see cref="ManageOptions"/>.</summary>
public sealed record WorkspaceUser(WorkspaceRole Role, IReadOnlySet<string> Locations, WorkspacePerson Person)
{
    /// <summary>The locations claim value that lets a viewer read every location (a viewer without locations reads none).</summary>
    public const string AllLocations = "*";

    /// <summary>May see the location's content, changes and previews.</summary>
    public bool CanRead(string locationId) => Role switch
    {
        WorkspaceRole.Marketing => true,
        WorkspaceRole.Viewer => Locations.Contains(AllLocations) || Locations.Contains(locationId),
        WorkspaceRole.Manager => Locations.Contains(locationId),
        _ => false,
    };

    /// <summary>May submit changes for the location.</summary>
    public bool CanEdit(string locationId) =>
        Role == WorkspaceRole.Marketing || (Role == WorkspaceRole.Manager && Locations.Contains(locationId));

    /// <summary>May approve or refuse changes.</summary>
    public bool CanApprove => Role == WorkspaceRole.Marketing;

    /// <summary>The role in words, for the page header.</summary>
    public string RoleName => Role switch
    {
        WorkspaceRole.Marketing => "group marketing",
        WorkspaceRole.Manager => "location manager",
        WorkspaceRole.Viewer => "viewer",
        _ => "no role",
    };

    /// <summary>Reads the person's role and locations; the strongest role wins when they have several.</summary>
    public static WorkspaceUser From(ClaimsPrincipal principal, ManageOptions options)
    {
        var roles = Values(principal, options.RoleClaim).ToHashSet(StringComparer.Ordinal);
        var role = roles.Contains(options.MarketingRole) ? WorkspaceRole.Marketing
            : roles.Contains(options.ManagerRole) ? WorkspaceRole.Manager
            : roles.Contains(options.ViewerRole) ? WorkspaceRole.Viewer
            : WorkspaceRole.None;
        var locations = Values(principal, options.LocationsClaim).ToHashSet(StringComparer.Ordinal);
        var id = principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";
        var name = principal.FindFirst("name")?.Value ?? principal.Identity?.Name ?? id;
        var email = principal.FindFirst("email")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value ?? $"{id}@identity-provider.invalid";
        return new WorkspaceUser(role, locations, new WorkspacePerson(name, id, email));
    }

    /// <summary>A claim's values: one claim per value, a JSON array, or a space-separated list.</summary>
    private static IEnumerable<string> Values(ClaimsPrincipal principal, string type)
    {
        foreach (var claim in principal.FindAll(type))
        {
            var value = claim.Value.Trim();
            if (value.StartsWith('['))
            {
                string[]? items = null;
                try
                {
                    items = JsonSerializer.Deserialize<string[]>(value);
                }
                catch (JsonException)
                {
                    // not an array after all: read it as words
                }

                if (items is not null)
                {
                    foreach (var item in items)
                    {
                        yield return item;
                    }

                    continue;
                }
            }

            foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return word;
            }
        }
    }
}

/// <summary>The workspace roles.</summary>
public enum WorkspaceRole
{
    /// <summary>Signed in, but with none of the mapped roles: sees nothing.</summary>
    None,

    /// <summary>Reads their locations (or all), changes nothing.</summary>
    Viewer,

    /// <summary>Edits their own locations; changes wait for marketing.</summary>
    Manager,

    /// <summary>Every location and the group's templates; approves.</summary>
    Marketing,
}
