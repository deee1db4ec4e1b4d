using NurtureHealth.Manage;

namespace NurtureHealth.Tests.Workspace;

public sealed class SessionLifetimeTests
{
    [Fact]
    public void Ended_WithinTheLifetime_No_AfterIt_Yes_WithoutASignInTime_Yes()
    {
        var properties = new Dictionary<string, string?>();
        SessionLifetime.Stamp(properties, Some.Now);

        Assert.False(SessionLifetime.Ended(properties, Some.Now.AddHours(7.9), TimeSpan.FromHours(8)));
        Assert.True(SessionLifetime.Ended(properties, Some.Now.AddHours(8).AddSeconds(1), TimeSpan.FromHours(8)));
        Assert.True(SessionLifetime.Ended(new Dictionary<string, string?>(), Some.Now, TimeSpan.FromHours(8)));
        Assert.True(SessionLifetime.Ended(new Dictionary<string, string?> { [SessionLifetime.SignedInAt] = "yesterday" }, Some.Now, TimeSpan.FromHours(8)));
    }
}
