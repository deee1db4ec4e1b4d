using System.Security.Claims;
using NurtureHealth.Manage;

namespace NurtureHealth.Tests.Workspace;

public sealed class WorkspaceUserTests
{
    private static readonly ManageOptions Options = new();

    private static WorkspaceUser User(params (string Type, string Value)[] claims) =>
        WorkspaceUser.From(new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test")), Options);

    [Fact]
    public void Manager_ReadsAndEditsOwnLocationsOnly_AndDoesNotApprove()
    {
        var user = User(("sub", "u1"), ("name", "Dana Reyes"), ("roles", "location-manager"), ("locations", "tempe-downtown"), ("locations", "phoenix-arcadia"));

        Assert.Equal(WorkspaceRole.Manager, user.Role);
        Assert.True(user.CanRead("tempe-downtown") && user.CanEdit("phoenix-arcadia"));
        Assert.False(user.CanRead("chicago-pilsen"));
        Assert.False(user.CanEdit("chicago-pilsen"));
        Assert.False(user.CanApprove);
        Assert.Equal("Dana Reyes", user.Person.Name);
    }

    [Fact]
    public void Claims_AsJsonArrayOrSpaceSeparated_AreReadTheSame()
    {
        var json = User(("sub", "u1"), ("roles", "[\"viewer\",\"location-manager\"]"), ("locations", "[\"tempe-downtown\"]"));
        var words = User(("sub", "u1"), ("roles", "viewer location-manager"), ("locations", "tempe-downtown"));

        Assert.Equal(WorkspaceRole.Manager, json.Role);
        Assert.Equal(json.Role, words.Role);
        Assert.Equal(json.Locations, words.Locations);
    }

    [Fact]
    public void Marketing_ReadsEditsAndApprovesEverything_ViewerOnlyReads_NoRoleNothing()
    {
        var marketing = User(("sub", "m"), ("roles", "location-manager"), ("roles", "group-marketing"));
        var viewer = User(("sub", "v"), ("roles", "viewer"), ("locations", "*"));
        var lostClaim = User(("sub", "v3"), ("roles", "viewer"));
        var someViewer = User(("sub", "v2"), ("roles", "viewer"), ("locations", "oak-park"));
        var nobody = User(("sub", "n"), ("roles", "billing"), ("locations", "oak-park"));

        Assert.True(marketing.CanApprove && marketing.CanEdit("oak-park") && marketing.CanRead("oak-park"));
        Assert.True(viewer.CanRead("oak-park") && !viewer.CanEdit("oak-park") && !viewer.CanApprove);
        Assert.True(someViewer.CanRead("oak-park") && !someViewer.CanRead("tempe-downtown"));
        Assert.False(lostClaim.CanRead("oak-park")); // no locations claim: nothing, not everything
        Assert.Equal(WorkspaceRole.None, nobody.Role);
        Assert.False(nobody.CanRead("oak-park"));
    }

    [Fact]
    public void RoleNames_ComeFromConfiguration()
    {
        var options = new ManageOptions { RoleClaim = "groups", ManagerRole = "Clinic Managers", LocationsClaim = "clinics" };
        var user = WorkspaceUser.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "u"), new Claim("groups", "[\"Clinic Managers\"]"), new Claim("clinics", "oak-park")], "test")), options);

        Assert.Equal(WorkspaceRole.Manager, user.Role);
        Assert.True(user.CanEdit("oak-park"));
    }
}
