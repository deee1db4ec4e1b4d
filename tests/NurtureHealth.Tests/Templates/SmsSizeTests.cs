using NurtureHealth.Templates;

namespace NurtureHealth.Tests.Templates;

public sealed class SmsSizeTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Of_PlainGsm7_Is160ThenSplitsBy153(int length, int segments)
    {
        var size = SmsSize.Of(new string('a', length));

        Assert.Equal((SmsEncoding.Gsm7, length, segments), (size.Encoding, size.Length, size.Segments));
        Assert.Null(size.FirstNonGsmCharacter);
    }

    [Theory]
    [InlineData("€", 80, 160, 1)]
    [InlineData("€", 81, 162, 2)]
    [InlineData("{", 1, 2, 1)]
    [InlineData("^{}\\[~]|€", 1, 18, 1)]
    public void Of_ExtensionCharacters_CountTwo(string unit, int repeat, int length, int segments)
    {
        var size = SmsSize.Of(string.Concat(Enumerable.Repeat(unit, repeat)));

        Assert.Equal((SmsEncoding.Gsm7, length, segments), (size.Encoding, size.Length, size.Segments));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Of_OneCurlyQuote_MakesTheWholeMessageUcs2(int length, int segments)
    {
        var size = SmsSize.Of("\u2019" + new string('a', length - 1));

        Assert.Equal((SmsEncoding.Ucs2, length, segments), (size.Encoding, size.Length, size.Segments));
        Assert.Equal("\u2019", size.FirstNonGsmCharacter);
    }

    [Fact]
    public void Of_AnEmoji_CountsAsTwoUtf16Units()
    {
        var size = SmsSize.Of("See you soon 😊");

        Assert.Equal((SmsEncoding.Ucs2, 15, 1, "😊"), (size.Encoding, size.Length, size.Segments, size.FirstNonGsmCharacter));
    }

    [Fact]
    public void Of_SpanishAccents_SomeAreGsm7AndSomeAreNot()
    {
        var gsm = SmsSize.Of("¿Qué? Ñ ü é");
        Assert.True(gsm.Encoding == SmsEncoding.Gsm7, $"forced UCS-2 by {gsm.FirstNonGsmCharacter}");
        Assert.Equal("á", SmsSize.Of("¿Qué está?").FirstNonGsmCharacter);
    }
}
