using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace NurtureHealth.Tests.Architecture;

/// <summary>Every log message has an event id of its own, and docs/operations.md lists each, so an operator can filter and alert on one.</summary>
public sealed class LogEventTests
{
    private static readonly Assembly[] Shipped = [typeof(NurtureHealthServiceCollectionExtensions).Assembly, Assembly.Load("nurture")];

    private static List<(string Method, LoggerMessageAttribute Message)> Messages() =>
        Shipped.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Message: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Message is not null).Select(m => (m.Method, m.Message!)).ToList();

    [Fact]
    public void EveryLogMessage_HasItsOwnExplicitEventId()
    {
        var messages = Messages();

        Assert.True(messages.Count > 50, $"only {messages.Count} log messages found: is the reflection still looking in the right place?");
        Assert.Empty(messages.Where(m => m.Message.EventId <= 0).Select(m => m.Method));
        Assert.Empty(messages.GroupBy(m => m.Message.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}"));
    }

    [Fact]
    public void OperationsDoc_ListsEveryEventId()
    {
        var documented = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "docs", "operations.md"))
            .Select(l => Regex.Match(l, @"^\| (\d+) \|")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

        Assert.Empty(Messages().Where(m => !documented.Contains(m.Message.EventId)).Select(m => $"{m.Message.EventId} ({m.Method})"));
    }
}
