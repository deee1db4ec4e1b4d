using NurtureHealth.Workspace;

namespace NurtureHealth.Tests.Workspace;

public sealed class LineDiffTests
{
    [Fact]
    public void Of_OneLineChangedInALongFile_ShowsItWithTwoLinesAroundAndElidesTheRest()
    {
        var before = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 6", "line six", StringComparison.Ordinal);

        Assert.Equal("…\n  line 4\n  line 5\n- line 6\n+ line six\n  line 7\n  line 8\n…\n", LineDiff.Of(before, after));
    }

    [Fact]
    public void Of_NewFileAndDeletedFile_AreAllAddedOrAllRemoved()
    {
        Assert.Equal("+ a\n+ b\n", LineDiff.Of(null, "a\nb\n"));
        Assert.Equal("- a\n- b\n", LineDiff.Of("a\r\nb\r\n", null));
        Assert.Equal("", LineDiff.Of("same\n", "same\n"));
    }
}
