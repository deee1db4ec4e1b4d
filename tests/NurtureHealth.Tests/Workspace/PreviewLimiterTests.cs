using NurtureHealth.Manage;

namespace NurtureHealth.Tests.Workspace;

public sealed class PreviewLimiterTests
{
    [Fact]
    public void TryTake_ABurstAboveTwenty_IsRefusedForThatPersonOnly()
    {
        using var limiter = new PreviewLimiter();

        var burst = Enumerable.Range(0, 60).Select(_ => limiter.TryTake("dana")).ToList();

        Assert.All(burst.Take(20), Assert.True);
        Assert.Contains(false, burst.Skip(20));
        Assert.True(limiter.TryTake("sam"));
    }
}
