namespace NurtureHealth.Locations;

/// <summary>Local hours during which messages may go out, per channel; null leaves it to the group default.</summary>
public sealed record SendWindows(TimeRange? Email, TimeRange? Sms)
{
    /// <summary>Neither channel set.</summary>
    public static SendWindows Unset { get; } = new(null, null);

    /// <summary>The earliest and latest local time any message may be sent: TCPA allows 8 AM to 9 PM at the recipient.</summary>
    public static TimeRange Legal { get; } = new(new TimeOnly(8, 0), new TimeOnly(21, 0));
}
