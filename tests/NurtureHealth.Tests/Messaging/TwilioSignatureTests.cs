using NurtureHealth.Messaging.Sms;

namespace NurtureHealth.Tests.Messaging;

public sealed class TwilioSignatureTests
{
    private static readonly Dictionary<string, string> Form = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    [Fact]
    public void Compute_TwiliosPublishedTestVector_GivesTheirSignature()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", Form));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    public void IsValid_UrlWithOrWithoutTheDefaultPort_Accepts(string configured)
    {
        Assert.True(TwilioSignature.IsValid("12345", configured, Form, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void IsValid_SignedByTwilioWithThePortKept_AcceptsTheUrlWithout()
    {
        var signedWithPort = TwilioSignature.Compute("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", Form);

        Assert.True(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", Form, signedWithPort));
    }

    [Theory]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8X")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_WrongOrMissingSignature_Refuses(string? signature)
    {
        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", Form, signature));
    }

    [Fact]
    public void IsValid_AChangedParameter_Refuses()
    {
        var changed = new Dictionary<string, string>(Form) { ["Digits"] = "9999" };

        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }
}
