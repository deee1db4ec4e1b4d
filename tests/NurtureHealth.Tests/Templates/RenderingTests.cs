using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Templates;

public sealed class RenderingTests : IDisposable
{
    private const string Layout = "{{ content }}\n{{ location.address }} {{ links.unsubscribe }}";
    private readonly TempFolder _dir = new();

    public RenderingTests()
    {
        _dir.Write("templates/_layouts/email.en.html", "<html><body>{{ content }}<p>{{ location.address }}</p><a href=\"{{ links.unsubscribe }}\">Unsubscribe</a></body></html>");
        _dir.Write("templates/_layouts/email.en.txt", Layout);
        _dir.CopyFrom(Path.Combine(TestPaths.Templates, "_strings"), "templates/_strings");
        _dir.Write("templates/seq/hello.en.md", "---\nsubject: Hi {{ patient.first_name }}\npreheader: A note\n---\nHello **{{ patient.first_name }}**, see [booking]({{ links.booking }}).\n");
        _dir.Write("templates/seq/hello.es.md", "---\nsubject: Hola {{ patient.first_name }}\n---\nHola {{ patient.first_name }}.\n");
        _dir.Write("templates/seq/ping.en.txt", "Hi {{ patient.first_name }} from {{ location.short_name }}\n");
        Directory.CreateDirectory(_dir.File("locations"));
    }

    [Fact]
    public void Load_UnknownVariable_IsAnErrorAtItsLineAndColumn()
    {
        _dir.Write("templates/seq/ping.en.txt", "Hi {{ patient.first_name }},\nsee you at {{ location.adress }}\n");

        var finding = Assert.Single(Load().Findings);

        Assert.EndsWith(Path.Combine("seq", "ping.en.txt"), finding.File);
        Assert.Equal((2, 15), (finding.Line, finding.Column));
        Assert.Equal("unknown variable 'location.adress'; did you mean 'location.address'?", finding.Message);
    }

    [Fact]
    public void Load_UnknownVariableInABranchThatWouldNotRun_IsStillAnError()
    {
        _dir.Write("templates/seq/ping.en.txt", "{% if provider.matched %}{{ provider.name }}{% else %}{{ provider.nickname }}{% endif %}\n");

        Assert.Equal("unknown variable 'provider.nickname'; did you mean 'provider.name'?", Assert.Single(Load().Findings).Message);
    }

    [Fact]
    public void Load_UnknownFilter_IsAnError()
    {
        _dir.Write("templates/seq/ping.en.txt", "Hi {{ patient.first_name | shout }}\n");

        Assert.Equal("unknown filter 'shout'; did you mean 'sort'?", Assert.Single(Load().Findings).Message);
    }

    [Fact]
    public void Load_LiquidSyntaxError_NamesTheLine()
    {
        _dir.Write("templates/seq/hello.en.md", "---\nsubject: Hi\n---\nline one\nline two {{ patient.first_name \n");

        var finding = Assert.Single(Load().Findings);

        Assert.Equal(5, finding.Line);
        Assert.StartsWith("Liquid syntax error: End of tag '}}' was expected", finding.Message);
    }

    [Fact]
    public void Load_IncludeOfAnotherFile_IsNotAllowed()
    {
        _dir.Write("templates/seq/ping.en.txt", "{% include 'secrets' %}\n");

        Assert.Equal("'include' is not allowed: a template cannot read other files", Assert.Single(Load().Findings).Message);
    }

    [Fact]
    public void Load_EmailWithoutSubject_IsAnError()
    {
        _dir.Write("templates/seq/hello.en.md", "---\npreheader: x\n---\nBody\n");

        Assert.Equal("the email has no subject: add 'subject: …' to the front matter", Assert.Single(Load().Findings).Message);
    }

    [Fact]
    public void Find_LooksUpLocationOverrideThenGroupThenEnglish()
    {
        _dir.Write("locations/north/templates/seq/ping.es.txt", "Hola {{ patient.first_name }}\n");
        var library = Load().Library!;

        Assert.Equal("north", library.Find("north", "seq", "ping", "es")!.LocationId);
        Assert.Equal("es", library.Find("north", "seq", "ping", "es-MX")!.Language);
        Assert.Null(library.Find("north", "seq", "ping", "en")!.LocationId);
        Assert.Null(library.Find("south", "seq", "ping", "es")!.LocationId);
        Assert.Equal("en", library.Find("south", "seq", "ping", "es")!.Language);
        Assert.Equal("es", library.Find(null, "seq", "hello", "es")!.Language);
        Assert.Equal("en", library.Find(null, "seq", "hello", "fr")!.Language);
        Assert.Null(library.Find(null, "seq", "missing", "en"));
    }

    [Fact]
    public void Find_OverrideWithoutAGroupTemplate_IsAWarning()
    {
        _dir.Write("locations/north/templates/seq/pong.en.txt", "Hi\n");

        var finding = Assert.Single(Load().Findings);

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.StartsWith("this override has no group template behind it", finding.Message);
    }

    [Fact]
    public void RenderEmail_LeadNamedScript_IsEscapedInHtmlAndPlainInText()
    {
        var library = Load().Library!;
        var model = Model("<script>alert(1)</script>");

        var email = MessageRenderer.RenderEmail(library.Find(null, "seq", "hello", "en")!, library.LayoutFor("en"), model);

        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html);
        Assert.Contains("<strong>", email.Html);
        Assert.Contains("<a href=\"https://go.test/l/T\">booking</a>", email.Html);
        Assert.Contains("Hello <script>alert(1)</script>, see booking: https://go.test/l/T.", email.Text);
        Assert.Equal("Hi <script>alert(1)</script>", email.Subject);
        Assert.Equal("A note", email.Preheader);
        Assert.Contains("1 Main St, Chicago, IL 60614", email.Text);
        Assert.Contains("https://go.test/u/T", email.Html);
    }

    [Theory]
    [InlineData("[Claim your prize](https://evil.example/login)", "[Claim your prize](https://evil.example/login)")]
    [InlineData("![x](https://evil.example/p.gif)", "![x](https://evil.example/p.gif)")]
    [InlineData("www.evil.example", "www.evil.example")]
    [InlineData("<https://evil.example>", "&lt;https://evil.example&gt;")]
    [InlineData("*Ana* _Lee_ `code` # ~~x~~", "*Ana* _Lee_ `code` # ~~x~~")]
    public void RenderEmail_MarkdownInTheLeadsName_IsShownAsTheCharactersTypedNeverAsLinksImagesOrEmphasis(string name, string shown)
    {
        var library = Load().Library!;

        var email = MessageRenderer.RenderEmail(library.Find(null, "seq", "hello", "en")!, library.LayoutFor("en"), Model(name));

        var body = email.Html[..email.Html.IndexOf("<p>1 Main St", StringComparison.Ordinal)];
        Assert.Contains($"Hello <strong>{shown}</strong>, see <a href=\"https://go.test/l/T\">booking</a>.", body);
        Assert.DoesNotContain("evil.example\"", body); // in no href or src
        Assert.DoesNotContain("<img", body);
        Assert.DoesNotContain("<em>", body);
        Assert.DoesNotContain("<code>", body);
        Assert.DoesNotContain("<del>", body);
        Assert.Contains($"Hi {name}", email.Subject); // the subject is plain text
    }

    [Theory]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("Mary-Jane St. Claire", "Mary-Jane St. Claire")]
    [InlineData("José", "José")]
    public void RenderEmail_OrdinaryPunctuationInNames_ReadsAsTyped(string name, string shown)
    {
        var library = Load().Library!;

        var email = MessageRenderer.RenderEmail(library.Find(null, "seq", "hello", "en")!, library.LayoutFor("en"), Model(name));

        Assert.Contains($"Hello <strong>{shown}</strong>,", email.Html);
        Assert.Contains($"Hello {name}, see booking", email.Text);
    }

    [Fact]
    public void RenderSms_MeasuresTheBody()
    {
        var library = Load().Library!;

        var sms = MessageRenderer.RenderSms(library.Find(null, "seq", "ping", "en")!, Model("Zoë"));

        Assert.Equal("Hi Zoë from north", sms.Body);
        Assert.Equal(SmsEncoding.Ucs2, sms.Size.Encoding);
        Assert.Equal("ë", sms.Size.FirstNonGsmCharacter);
    }

    private (TemplateLibrary? Library, IReadOnlyList<FileFinding> Findings) Load()
    {
        var library = TemplateLibrary.TryLoad(_dir.File("templates"), _dir.File("locations"), out var findings);
        return (library, findings);
    }

    private static MessageModel Model(string firstName)
    {
        var location = Some.Location("north", 41.9, -87.6);
        return MessageRenderer.Model(Some.Group(location), location, null, firstName, Some.Words("en"), new LinksModel("https://go.test/l/T", "https://go.test/u/T"), "dermatology");
    }

    public void Dispose() => _dir.Dispose();
}
