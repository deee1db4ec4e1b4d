using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Email;
using Org.BouncyCastle.Crypto;

namespace NurtureHealth.Tests.Messaging;

public sealed class EmailMessageBuilderTests
{
    private static readonly OutgoingEmail Email = new(17, "maria@example.com", "Lakeshore Health — Pilsen", "chicago-pilsen@mail.lakeshorehealth.example",
        "Your guide", "<p>Hola</p>", "Hola", "https://nurture.example/u/TOKEN", "touch-17@mail.lakeshorehealth.example");

    [Fact]
    public void Build_CarriesOneClickUnsubscribeAStableMessageIdAndBothParts()
    {
        var message = EmailMessageBuilder.Build(Email, Some.Now);

        Assert.Equal("<https://nurture.example/u/TOKEN>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers[HeaderId.ListUnsubscribePost]);
        Assert.Equal("touch-17@mail.lakeshorehealth.example", message.MessageId);
        Assert.Equal(("Hola", "<p>Hola</p>"), (message.TextBody, message.HtmlBody));
        Assert.Equal("Lakeshore Health — Pilsen", message.From.Mailboxes.Single().Name);
    }

    [Theory]
    [InlineData("Thanks, =?utf-8?B?PGI+RlJFRSBtb25leTwvYj4=?=")]
    [InlineData("Gracias, José =?iso-8859-1?Q?=A1Gana!?= — tu guía está lista, con un asunto largo que se pliega en varias palabras")]
    public void Build_SubjectHoldingSomethingLikeAnEncodedWord_ReachesTheReaderExactlyAsWritten(string subject)
    {
        var message = EmailMessageBuilder.Build(Email with { Subject = subject }, Some.Now);

        using var wire = new MemoryStream();
        message.WriteTo(wire);
        wire.Position = 0;
        var received = MimeMessage.Load(wire);

        Assert.Equal(subject, received.Subject); // a mail client decodes nothing the lead hid in their name
        Assert.DoesNotContain("=?utf-8?B?PGI", System.Text.Encoding.ASCII.GetString(wire.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_WithDkim_VerifiesAndCoversTheUnsubscribeHeaders()
    {
        using var rsa = RSA.Create(2048);
        using var folder = new TempFolder();
        var keyFile = folder.Write("dkim.pem", rsa.ExportRSAPrivateKeyPem());
        var signer = new DkimSigner(keyFile, "lakeshorehealth.example", "nurture")
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        var message = EmailMessageBuilder.Build(Email, Some.Now);

        EmailMessageBuilder.Sign(message, signer);

        var header = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.Contains("list-unsubscribe:list-unsubscribe-post", header.Value.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        var verifier = new DkimVerifier(new OneKey(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())));
        Assert.True(await verifier.VerifyAsync(message, header));

        message.Headers[HeaderId.ListUnsubscribe] = "<https://attacker.example/u>";
        Assert.False(await verifier.VerifyAsync(message, header));
    }

    /// <summary>Answers DKIM key look-ups with one published key, as DNS would.</summary>
    private sealed class OneKey(string publicKey) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey($"v=DKIM1; k=rsa; p={publicKey}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
