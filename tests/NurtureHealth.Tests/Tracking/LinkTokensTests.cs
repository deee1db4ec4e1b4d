using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NurtureHealth.Messaging;

namespace NurtureHealth.Tests.Tracking;

public sealed class LinkTokensTests
{
    private readonly FakeTimeProvider _clock = new(Some.Now);

    [Fact]
    public void Create_ThenRead_GivesTheTouchBackAndCarriesNothingElse()
    {
        var tokens = Tokens("key-one-0123456789-0123456789-0123456789");

        var token = tokens.Create(LinkKind.Unsubscribe, 123_456);

        Assert.True(tokens.TryRead(token, LinkKind.Unsubscribe, out var touch, out _));
        Assert.Equal(123_456, touch);
        Assert.Matches("^[A-Za-z0-9_-]{39}$", token);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    [InlineData("!!!!")]
    public void TryRead_Garbage_IsMalformed(string token)
    {
        Assert.False(Tokens("key-one-0123456789-0123456789-0123456789").TryRead(token, LinkKind.Booking, out _, out var problem));
        Assert.Equal("malformed", problem);
    }

    [Fact]
    public void TryRead_TamperedTouchOrWrongKind_IsRefused()
    {
        var tokens = Tokens("key-one-0123456789-0123456789-0123456789");
        var token = tokens.Create(LinkKind.Booking, 7);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        bytes[8] ^= 1; // touch 7 → 6
        var tampered = System.Buffers.Text.Base64Url.EncodeToString(bytes);

        Assert.False(tokens.TryRead(tampered, LinkKind.Booking, out _, out var problem));
        Assert.Equal("bad signature", problem);
        Assert.False(tokens.TryRead(token, LinkKind.Unsubscribe, out _, out _));
    }

    [Fact]
    public void TryRead_AfterTheLifetime_IsExpiredButWorksForAtLeastSixtyDays()
    {
        var tokens = Tokens("key-one-0123456789-0123456789-0123456789");
        var token = tokens.Create(LinkKind.Unsubscribe, 1);

        _clock.Advance(TimeSpan.FromDays(60));
        Assert.True(tokens.TryRead(token, LinkKind.Unsubscribe, out _, out _));
        _clock.Advance(TimeSpan.FromDays(31));
        Assert.False(tokens.TryRead(token, LinkKind.Unsubscribe, out _, out var problem));
        Assert.Equal("expired", problem);
    }

    [Fact]
    public void TryRead_AfterKeyRotation_AcceptsLinksSignedWithThePreviousKey()
    {
        var old = Tokens("key-one-0123456789-0123456789-0123456789").Create(LinkKind.Unsubscribe, 9);
        var rotated = Tokens("key-two-0123456789-0123456789-0123456789", "key-one-0123456789-0123456789-0123456789");

        Assert.True(rotated.TryRead(old, LinkKind.Unsubscribe, out var touch, out _));
        Assert.Equal(9, touch);
        Assert.False(Tokens("key-two-0123456789-0123456789-0123456789").TryRead(old, LinkKind.Unsubscribe, out _, out _));
    }

    private LinkTokens Tokens(string key, params string[] previous) =>
        new(Options.Create(new LinksOptions { BaseUrl = "https://x.example", SigningKey = key, PreviousSigningKeys = [.. previous] }), _clock);
}
