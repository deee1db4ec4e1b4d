using System.Diagnostics;
using System.Net;
using MimeKit;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// The location managers' workspace served by <c>nurture run</c>, in headless Chromium, signed in through a real OpenID
/// Connect provider (<c>oidc-provider</c>): a manager changes opening hours and sees the preview change, submits; group
/// marketing approves; the file is written and committed with the manager's name, hot reload applies it and the next email
/// carries the new hours. Requests crafted for another location, or without the antiforgery token, are refused.
/// </summary>
public sealed class WorkspaceTests
{
    private const string LincolnPark = "chicago-lincoln-park";
    private const string WickerPark = "chicago-wicker-park";

    private static readonly Dictionary<string, OidcServer.Account> Accounts = new()
    {
        ["dana"] = new("Dana Reyes", "dana.reyes@lakeshorehealth.example", ["location-manager"], [LincolnPark]),
        ["sam"] = new("Sam Okafor", "sam.okafor@lakeshorehealth.example", ["group-marketing"], []),
    };

    [Fact]
    public async Task ManagerChangesHours_MarketingApproves_FileCommittedAndNextEmailUsesThem_OtherLocationRefused()
    {
        using var clinic = new MiddayClinic();
        File.Copy(Path.Combine(TestPaths.Locations, WickerPark, "location.yaml"), Path.Combine(Directory.CreateDirectory(Path.Combine(clinic.Folder, WickerPark)).FullName, "location.yaml"));
        Git(clinic.Folder, "init", "--quiet");
        Git(clinic.Folder, "add", "--all");
        Git(clinic.Folder, "-c", "user.name=Group", "-c", "user.email=group@lakeshorehealth.example", "commit", "--quiet", "-m", "The group's locations");
        await using var oidc = new OidcServer();
        using var templates = new TempFolder();
        templates.CopyFrom(TestPaths.Templates);
        var settings = oidc.Settings();
        settings["Nurture__HotReload__Delay"] = "00:00:00.200";
        settings["Nurture__Templates__Path"] = templates.Path; // marketing changes a group template below
        await using var worker = await Worker.StartAsync(clinic.Folder, settings, https: true);
        await oidc.StartAsync(worker.BaseUrl, Accounts);
        Assert.Contains($"; /manage on (sign-in at {oidc.Authority})", worker.Log, StringComparison.Ordinal);

        // Before signing in: sent to the identity provider, with the workspace's security headers.
        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }))
        {
            var anonymous = await http.GetAsync($"{worker.BaseUrl}/manage/locations/{LincolnPark}");
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
            Assert.StartsWith(oidc.Authority + "/", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
            var policy = string.Join(" ", anonymous.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        }

        // The manager signs in and sees their location only; the session cookie is Secure, HttpOnly and SameSite.
        using var browser = new Browser();
        var page = browser.Page;
        var wait = Wait(page);
        SignIn(page, wait, worker, oidc, "dana");
        Assert.Equal("Dana Reyes · location manager", page.FindElement(By.Id("who")).Text);
        Assert.Contains("Lakeshore Health — Lincoln Park", page.PageSource, StringComparison.Ordinal);
        Assert.DoesNotContain("Wicker Park", page.PageSource, StringComparison.Ordinal);
        var session = page.Manage().Cookies.GetCookieNamed("__Host-nurture-manage");
        Assert.NotNull(session);
        Assert.True(session.Secure && session.IsHttpOnly, "the session cookie must be Secure and HttpOnly");
        Assert.Equal("Lax", session.SameSite);
        browser.Screenshot("workspace-locations.png");

        // Changes Monday's hours: the preview (English and Spanish) shows them before anything is submitted.
        page.Navigate().GoToUrl($"{worker.BaseUrl}/manage/locations/{LincolnPark}");
        Assert.Contains("Mon–Sun 8 AM–8 PM", EmailText(page, wait, "en"), StringComparison.Ordinal);
        var spanishBefore = EmailText(page, wait, "es");
        var monday = page.FindElement(By.Id("hours-mon"));
        monday.Clear();
        monday.SendKeys("07:15-19:45");
        wait.Until(p => EmailText(p, wait, "en").Contains("Mon 7:15 AM–7:45 PM; Tue–Sun 8 AM–8 PM", StringComparison.Ordinal));
        Assert.NotEqual(spanishBefore, EmailText(page, wait, "es"));
        Assert.Equal("No problems found.", page.FindElement(By.Id("check-ok")).Text);
        ShowEmailFooter(page);
        browser.Screenshot("workspace-hours-preview.png");

        // A mistake is named as they type, in plain words, before anything is submitted.
        monday.Clear();
        monday.SendKeys("7.15 to 19.45");
        wait.Until(p => p.FindElements(By.Id("findings")).Count > 0);
        Assert.Contains("mon", page.FindElement(By.Id("findings")).Text, StringComparison.Ordinal);
        monday.Clear();
        monday.SendKeys("07:15-19:45");
        wait.Until(p => p.FindElements(By.Id("check-ok")).Count > 0);

        page.FindElement(By.Id("submit")).Click();
        wait.Until(p => p.FindElements(By.Id("status")).Count > 0);
        Assert.Equal("waiting for approval", page.FindElement(By.Id("status")).Text);
        Assert.Contains("+   mon: \"07:15-19:45\"", page.FindElement(By.Id("diff")).Text, StringComparison.Ordinal);
        Assert.Contains("-   mon: \"08:00-20:00\"", page.FindElement(By.Id("diff")).Text, StringComparison.Ordinal);
        browser.Screenshot("workspace-change-pending.png");
        var change = worker.Scalar("SELECT id FROM content_changes");
        Assert.Contains("mon: \"08:00-20:00\"", File.ReadAllText(LocationFile(clinic)), StringComparison.Ordinal); // a draft until approved

        // Crafted requests from the manager's own signed-in session: another location, approving, no antiforgery token.
        Assert.Equal(403, Fetch(page, "GET", $"/manage/locations/{WickerPark}", token: true));
        Assert.Equal(403, Fetch(page, "POST", $"/manage/locations/{WickerPark}?handler=Submit", token: true));
        Assert.Equal(403, Fetch(page, "POST", $"/manage/locations/{WickerPark}?handler=Preview", token: true));
        Assert.Equal(403, Fetch(page, "POST", $"/manage/changes/{change}?handler=Approve", token: true));
        Assert.Equal(400, Fetch(page, "POST", $"/manage/locations/{LincolnPark}?handler=Submit", token: false));
        Assert.Equal(403, Fetch(page, "GET", "/manage/group/wording/skin-guide/guide.en.md", token: true));
        Assert.Equal(403, Fetch(page, "POST", "/manage/group/wording/skin-guide/guide.en.md?handler=Submit", token: true));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM content_changes"));
        Assert.Equal("pending", worker.Text("SELECT status FROM content_changes"));

        // Group marketing signs in, finds the change waiting and approves it.
        using var reviewer = new Browser();
        var marketing = reviewer.Page;
        var marketingWait = Wait(marketing);
        SignIn(marketing, marketingWait, worker, oidc, "sam");
        marketing.FindElement(By.PartialLinkText("1 change waits for your approval")).Click();
        marketingWait.Until(p => p.FindElements(By.PartialLinkText("opening hours")).Count > 0);
        marketing.FindElement(By.PartialLinkText("opening hours")).Click();
        marketingWait.Until(p => p.FindElements(By.Id("approve")).Count > 0);
        reviewer.Screenshot("workspace-approve.png");
        marketing.FindElement(By.Id("approve")).Click();
        marketingWait.Until(p => p.FindElements(By.Id("status")).Count > 0 && p.FindElement(By.Id("status")).Text == "published");
        Assert.StartsWith("Sam Okafor, ", marketing.FindElement(By.Id("reviewer")).Text, StringComparison.Ordinal);

        // Written to the file, committed with the manager as author, kept in the audit table.
        var text = File.ReadAllText(LocationFile(clinic));
        Assert.Contains("  mon: \"07:15-19:45\"\n  tue: \"08:00-20:00\"", text, StringComparison.Ordinal);
        Assert.Equal("Dana Reyes <dana.reyes@lakeshorehealth.example>|chicago-lincoln-park: opening hours", Git(clinic.Folder, "log", "-1", "--format=%an <%ae>|%s").Trim());
        Assert.Equal("", Git(clinic.Folder, "status", "--porcelain").Trim());
        Assert.Equal("published|Dana Reyes|Sam Okafor", worker.Text("SELECT status || '|' || author_name || '|' || reviewer_name FROM content_changes"));

        // Hot reload applies it; the next email carries the new hours.
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Log.Contains("Content change applied", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)),
            "the approved change was not applied\n" + worker.Log);
        var email = await SendGuideAsync(worker);
        Assert.Contains("Mon 7:15 AM–7:45 PM; Tue–Sun 8 AM–8 PM", email.TextBody, StringComparison.Ordinal);

        // The manager writes the location's own wording of the guide email in the editor (CodeMirror); the preview follows.
        page.Navigate().GoToUrl($"{worker.BaseUrl}/manage/locations/{LincolnPark}");
        page.FindElement(By.CssSelector($"a[href='/manage/locations/{LincolnPark}/wording/skin-guide/guide.en.md']")).Click();
        var editor = wait.Until(p => p.FindElement(By.CssSelector(".cm-content")));
        Assert.DoesNotContain("Our Lincoln Park team", EmailText(page, wait, "en"), StringComparison.Ordinal);
        editor.Click();
        editor.SendKeys(Keys.Control + Keys.End);
        editor.SendKeys(Keys.Enter + "Our Lincoln Park team looks forward to meeting you.");
        wait.Until(p => EmailText(p, wait, "en").Contains("Our Lincoln Park team looks forward to meeting you.", StringComparison.Ordinal));
        browser.Screenshot("workspace-wording.png");
        page.FindElement(By.Id("submit")).Click();
        wait.Until(p => p.FindElements(By.Id("status")).Count > 0);
        Assert.Equal("waiting for approval", page.FindElement(By.Id("status")).Text);
        Assert.Contains("+ Our Lincoln Park team looks forward to meeting you.", page.FindElement(By.Id("diff")).Text, StringComparison.Ordinal);
        var wording = page.Url;

        // Marketing refuses it, saying why; the manager reads the reason on the change.
        marketing.Navigate().GoToUrl(wording);
        marketingWait.Until(p => p.FindElements(By.Id("reason")).Count > 0);
        marketing.FindElement(By.Id("reason")).SendKeys("Please keep the group's closing line.");
        marketing.FindElement(By.Id("reject")).Click();
        marketingWait.Until(p => p.FindElements(By.Id("status")).Count > 0 && p.FindElement(By.Id("status")).Text == "refused");
        page.Navigate().Refresh();
        Assert.Equal("Please keep the group's closing line.", wait.Until(p => p.FindElement(By.Id("note"))).Text);
        Assert.False(File.Exists(Path.Combine(clinic.Folder, LincolnPark, "templates", "skin-guide", "guide.en.md")));

        // Group marketing changes the group's own template; it waits for approval like any change, then is written.
        marketing.Navigate().GoToUrl($"{worker.BaseUrl}/manage/group/wording/skin-guide/guide.en.md");
        var groupEditor = marketingWait.Until(p => p.FindElement(By.CssSelector(".cm-content")));
        groupEditor.Click();
        groupEditor.SendKeys(Keys.Control + Keys.End);
        groupEditor.SendKeys(Keys.Enter + "See you soon.");
        marketingWait.Until(p => EmailText(p, marketingWait, "en").Contains("See you soon.", StringComparison.Ordinal));
        marketing.FindElement(By.Id("submit")).Click();
        marketingWait.Until(p => p.FindElements(By.Id("approve")).Count > 0);
        marketing.FindElement(By.Id("approve")).Click();
        marketingWait.Until(p => p.FindElements(By.Id("status")).Count > 0 && p.FindElement(By.Id("status")).Text == "published");
        Assert.EndsWith("See you soon.", File.ReadAllText(Path.Combine(templates.Path, "skin-guide", "guide.en.md")).TrimEnd(), StringComparison.Ordinal);

        // On a phone: the location page fits the screen's width (no sideways scrolling), the preview below the form.
        page.Manage().Window.Size = new System.Drawing.Size(390, 844);
        page.Navigate().GoToUrl($"{worker.BaseUrl}/manage/locations/{LincolnPark}");
        wait.Until(p => p.FindElements(By.CssSelector("#preview-en iframe")).Count > 0);
        var widths = Convert.ToString(((IJavaScriptExecutor)page).ExecuteScript("return document.documentElement.scrollWidth + ' ' + window.innerWidth"),
            System.Globalization.CultureInfo.InvariantCulture)!.Split(' ').Select(int.Parse).ToArray();
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
        browser.Screenshot("workspace-phone.png");
        page.Manage().Window.Size = new System.Drawing.Size(1400, 1000);

        // Signing out ends the session here and at the identity provider: the next visit asks to sign in again.
        page.FindElement(By.XPath("//button[contains(., 'Sign out')]")).Click();
        wait.Until(p => p.FindElements(By.XPath("//button[contains(., 'sign me out')]")).Count > 0);
        page.FindElement(By.XPath("//button[contains(., 'sign me out')]")).Click();
        wait.Until(p => p.Url.StartsWith(oidc.Authority, StringComparison.Ordinal) && p.FindElements(By.Name("login")).Count > 0);
        Assert.Null(page.Manage().Cookies.GetCookieNamed("__Host-nurture-manage"));
    }

    private static WebDriverWait Wait(IWebDriver page)
    {
        var wait = new WebDriverWait(page, TimeSpan.FromSeconds(30));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException), typeof(NoSuchFrameException));
        return wait;
    }

    /// <summary>Signs in at the identity provider's own pages (its development login: any password) and comes back to the workspace.</summary>
    private static void SignIn(IWebDriver page, WebDriverWait wait, Worker worker, OidcServer oidc, string login)
    {
        page.Navigate().GoToUrl($"{worker.BaseUrl}/manage");
        wait.Until(p => p.Url.StartsWith(oidc.Authority, StringComparison.Ordinal) && p.FindElements(By.Name("login")).Count > 0);
        page.FindElement(By.Name("login")).SendKeys(login);
        page.FindElement(By.Name("password")).SendKeys("any password");
        page.FindElement(By.CssSelector("button[type=submit]")).Click();
        wait.Until(p => p.FindElements(By.Id("who")).Count > 0 || p.FindElements(By.XPath("//button[contains(., 'Continue')]")).Count > 0);
        if (page.FindElements(By.Id("who")).Count == 0)
        {
            page.FindElement(By.XPath("//button[contains(., 'Continue')]")).Click(); // the provider asks to share the profile once
        }

        wait.Until(p => p.Url.StartsWith($"{worker.BaseUrl}/manage", StringComparison.Ordinal) && p.FindElements(By.Id("who")).Count > 0);
    }

    /// <summary>The text of the previewed email in one language, read inside its sandboxed frame.</summary>
    private static string EmailText(IWebDriver page, WebDriverWait wait, string language)
    {
        var frame = wait.Until(p => p.FindElement(By.CssSelector($"#preview-{language} iframe")));
        page.SwitchTo().Frame(frame);
        try
        {
            return page.FindElement(By.TagName("body")).Text;
        }
        finally
        {
            page.SwitchTo().DefaultContent();
        }
    }

    /// <summary>Scrolls the English preview to its footer (the hours), for the guide's screenshot.</summary>
    private static void ShowEmailFooter(IWebDriver page)
    {
        var frame = page.FindElement(By.CssSelector("#preview-en iframe"));
        ((IJavaScriptExecutor)page).ExecuteScript("arguments[0].scrollIntoView({ block: 'end' })", frame);
        page.SwitchTo().Frame(frame);
        try
        {
            ((IJavaScriptExecutor)page).ExecuteScript("window.scrollTo(0, document.body.scrollHeight)");
        }
        finally
        {
            page.SwitchTo().DefaultContent();
        }
    }

    /// <summary>A request made by script from the signed-in page (its cookies), with or without the page's antiforgery token.</summary>
    private static int Fetch(IWebDriver page, string method, string path, bool token)
    {
        const string Script = """
            const [method, path, token, done] = arguments;
            const body = new FormData();
            body.append("Hours[mon]", "closed");
            if (token) body.append("__RequestVerificationToken", document.querySelector("input[name=__RequestVerificationToken]").value);
            fetch(path, method === "GET" ? { redirect: "manual" } : { method, body, redirect: "manual" }).then(r => done(r.status), () => done(-1));
            """;
        return Convert.ToInt32(((IJavaScriptExecutor)page).ExecuteAsyncScript(Script, method, path, token), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string LocationFile(MiddayClinic clinic) => Path.Combine(clinic.Folder, LincolnPark, "location.yaml");

    private static async Task<MimeMessage> SendGuideAsync(Worker worker)
    {
        worker.Drop("lead-1.ndjson",
            """{"id":"ws-1","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"dermatology","first_name":"Ana","last_name":"Ruiz","email":"ana@example.com","phone":null,"postal_code":"60614","language":"en"}""" + "\n");
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'sent'") == 1), TimeSpan.FromSeconds(60)),
            "the email was not sent\n" + worker.Log);
        var id = worker.Scalar("SELECT id FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1");
        return await MimeMessage.LoadAsync(Path.Combine(worker.Folder, "outbox", "email", $"{id:D8}.eml"));
    }

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
