using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NurtureHealth.Templates;

namespace NurtureHealth.Messaging;

/// <summary>
/// Signed, expiring link tokens that carry only a touch id: no name, email, phone or condition ever
/// appears in a URL. HMAC-SHA256 over kind, touch id and expiry, truncated to 128 bits, base64url.
/// </summary>
public sealed class LinkTokens(IOptions<LinksOptions> options, TimeProvider clock)
{
    private const int PayloadLength = 1 + 8 + 4;
    private const int MacLength = 16;

    /// <summary>The booking and unsubscribe links for one touch.</summary>
    public LinksModel For(long touchId, IReadOnlyList<bool>? slotsWithLinks = null)
    {
        var root = options.Value.BaseUrl.TrimEnd('/');
        var booking = $"{root}/l/{Create(LinkKind.Booking, touchId)}";
        LinkKind[] kinds = [LinkKind.Slot1, LinkKind.Slot2, LinkKind.Slot3];
        return new LinksModel(booking, $"{root}/u/{Create(LinkKind.Unsubscribe, touchId)}")
        {
            SlotLinks = [.. (slotsWithLinks ?? []).Take(kinds.Length).Select((linked, i) => linked ? $"{root}/l/{Create(kinds[i], touchId)}" : booking)],
        };
    }

    /// <summary>A token for a touch, expiring after the configured lifetime.</summary>
    public string Create(LinkKind kind, long touchId)
    {
        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        token[0] = (byte)kind;
        BinaryPrimitives.WriteInt64BigEndian(token[1..], touchId);
        var expires = clock.GetUtcNow().AddDays(options.Value.LifetimeDays).ToUnixTimeSeconds();
        BinaryPrimitives.WriteUInt32BigEndian(token[9..], (uint)expires);
        Sign(options.Value.SigningKey, token[..PayloadLength], token[PayloadLength..]);
        return System.Buffers.Text.Base64Url.EncodeToString(token);
    }

    /// <summary>Reads a token: the touch id when it is genuine, of the expected kind and not expired.</summary>
    public bool TryRead(string token, LinkKind kind, out long touchId, out string problem)
    {
        touchId = 0;
        problem = "";
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        if (!Decode(token, bytes))
        {
            problem = "malformed";
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        var genuine = false;
        foreach (var key in options.Value.PreviousSigningKeys.Prepend(options.Value.SigningKey))
        {
            Sign(key, bytes[..PayloadLength], expected);
            genuine |= CryptographicOperations.FixedTimeEquals(expected, bytes[PayloadLength..]);
        }

        if (!genuine || bytes[0] != (byte)kind)
        {
            problem = "bad signature";
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(bytes[9..]) < clock.GetUtcNow().ToUnixTimeSeconds())
        {
            problem = "expired";
            return false;
        }

        touchId = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        return true;
    }

    private static bool Decode(string token, Span<byte> into)
    {
        try
        {
            return token.Length <= 64 && System.Buffers.Text.Base64Url.TryDecodeFromChars(token, into, out var written) && written == into.Length;
        }
        catch (FormatException)
        {
            return false; // not base64url at all: a mistyped or made-up link
        }
    }

    private static void Sign(string key, ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload, full);
        full[..MacLength].CopyTo(mac);
    }
}
