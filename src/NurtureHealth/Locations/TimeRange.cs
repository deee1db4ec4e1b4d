namespace NurtureHealth.Locations;

/// <summary>A span of local clock time on one day, such as 08:00–17:00.</summary>
public readonly record struct TimeRange(TimeOnly Start, TimeOnly End)
{
    /// <inheritdoc />
    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
