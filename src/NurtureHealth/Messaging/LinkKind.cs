namespace NurtureHealth.Messaging;

/// <summary>What a link does.</summary>
public enum LinkKind : byte
{
    /// <summary>Opens the location's booking page; the click is recorded.</summary>
    Booking = (byte)'b',

    /// <summary>Unsubscribes with one click (RFC 8058).</summary>
    Unsubscribe = (byte)'u',

    /// <summary>Opens the scheduler's booking page for the first offered slot (its SMART Scheduling Links deep link); the click is recorded.</summary>
    Slot1 = (byte)'1',

    /// <summary>The second offered slot.</summary>
    Slot2 = (byte)'2',

    /// <summary>The third offered slot.</summary>
    Slot3 = (byte)'3',
}
