namespace NurtureHealth.Messaging;

/// <summary>What a link does.</summary>
public enum LinkKind : byte
{
    /// <summary>Opens the location's booking page; the click is recorded.</summary>
    Booking = (byte)'b',

    /// <summary>Unsubscribes with one click (RFC 8058).</summary>
    Unsubscribe = (byte)'u',
}
