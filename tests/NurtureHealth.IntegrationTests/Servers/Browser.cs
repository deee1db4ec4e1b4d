using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>
/// Debian's Chromium, headless, driven through its ChromeDriver (packages chromium and chromium-driver; .ci/run installs
/// them). A test that needs it fails with what to install when it is missing — it never skips.
/// </summary>
internal sealed class Browser : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "nurture-chromium", Guid.NewGuid().ToString("N"));

    /// <summary>Starts Chromium; it accepts the tests' self-signed certificate (<see cref="TestCertificate"/>) for a worker on https.</summary>
    public Browser()
    {
        Assert.True(File.Exists(Chromium) && File.Exists(Driver),
            $"the browser tests need Debian's chromium and chromium-driver ({Chromium}, {Driver}): apt-get install chromium chromium-driver");
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", "--ignore-certificate-errors", "--window-size=1400,1000", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Page = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public IWebDriver Page { get; }

    /// <summary>Where screenshots go: <c>NURTURE_SCREENSHOTS</c> (set it to docs/images to refresh the docs), else beside the tests.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("NURTURE_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves the page as a PNG and returns its path.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name);
        ((ITakesScreenshot)Page).GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Page.Quit();
        Page.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file; the OS temp cleaner takes it.
        }
    }
}
