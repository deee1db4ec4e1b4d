using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Sms;
using NurtureHealth.Templates;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// The Twilio sender, composed as the worker composes it (retry pipeline included), against Prism serving
/// Twilio's published OpenAPI description. Prism answers 201 only to requests that keep Twilio's contract;
/// the fields posted are recorded and checked too. Faults are injected between the sender and Prism.
/// </summary>
public sealed class TwilioContractTests : IAsyncLifetime
{
    private Prism _twilio = null!;
    private readonly Recorder _recorder = new();

    public async Task InitializeAsync() => _twilio = await Prism.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task Send_FromALocationNumber_PostsTwiliosFieldsAndPassesItsContract()
    {
        using var services = Services(new Dictionary<string, string?>());

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.StartsWith("SM", result.ProviderMessageId);
        var request = Assert.Single(_recorder.Requests);
        Assert.Equal(HttpStatusCode.Created, request.Status);
        Assert.Equal($"/2010-04-01/Accounts/AC{new string('a', 32)}/Messages.json", request.Path);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"AC{new string('a', 32)}:auth-token"))}", request.Authorization);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("+13125550101", request.Form["To"]);
        Assert.Equal("+13125550142", request.Form["From"]);
        Assert.Equal("Hi Ana, it's Lakeshore Health Lincoln Park. Reply STOP to opt out.", request.Form["Body"]);
        Assert.Equal("https://nurture.test.example/twilio/status", request.Form["StatusCallback"]);
        Assert.False(request.Form.ContainsKey("MessagingServiceSid"));
    }

    [Fact]
    public async Task Send_ThroughAMessagingServiceWithAnApiKey_PassesTheContract()
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["Nurture:Twilio:MessagingServiceSid"] = "MG" + new string('d', 32),
            ["Nurture:Twilio:ApiKeySid"] = "SK" + new string('e', 32),
            ["Nurture:Twilio:ApiKeySecret"] = "key-secret",
        });

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var request = Assert.Single(_recorder.Requests);
        Assert.Equal(HttpStatusCode.Created, request.Status);
        Assert.Equal("MG" + new string('d', 32), request.Form["MessagingServiceSid"]);
        Assert.False(request.Form.ContainsKey("From"));
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"SK{new string('e', 32)}:key-secret"))}", request.Authorization);
    }

    [Fact]
    public async Task Send_TooManyRequestsThenAccepted_RetriesAfterRetryAfterAndSucceeds()
    {
        _recorder.Inject(HttpStatusCode.TooManyRequests, """{"code":20429,"message":"Too Many Requests","status":429}""", retryAfterSeconds: 1);
        using var services = Services(new Dictionary<string, string?>());

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.Created], _recorder.Requests.Select(r => r.Status));
    }

    [Theory]
    [InlineData(21610, SendStatus.OptedOut)]
    [InlineData(21211, SendStatus.Undeliverable)]
    [InlineData(21614, SendStatus.Undeliverable)]
    [InlineData(21606, SendStatus.Permanent)]
    public async Task Send_TwilioErrorCode_IsMappedAndNotRetried(int code, SendStatus expected)
    {
        _recorder.Inject(HttpStatusCode.BadRequest, $$"""{"code":{{code}},"message":"error","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":400}""");
        using var services = Services(new Dictionary<string, string?>());

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Contains($"error {code}", result.Detail);
        Assert.Single(_recorder.Requests);
    }

    [Fact]
    public async Task Send_ServerErrorsThatPersist_AreTransientAfterRetries()
    {
        for (var i = 0; i < 4; i++)
        {
            _recorder.Inject(HttpStatusCode.ServiceUnavailable, "{}", retryAfterSeconds: 0);
        }

        using var services = Services(new Dictionary<string, string?>());

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(SendStatus.Transient, result.Status);
        Assert.Equal(4, _recorder.Requests.Count);
    }

    private static OutgoingSms Sms()
    {
        const string body = "Hi Ana, it's Lakeshore Health Lincoln Park. Reply STOP to opt out.";
        return new OutgoingSms(42, "+13125550101", "+13125550142", body, SmsSize.Of(body));
    }

    private ServiceProvider Services(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Nurture:Twilio:AccountSid"] = "AC" + new string('a', 32),
            ["Nurture:Twilio:AuthToken"] = "auth-token",
            ["Nurture:Twilio:BaseUrl"] = _twilio.BaseUrl,
            ["Nurture:Twilio:MessagesPerSecond"] = "100",
            ["Nurture:Links:BaseUrl"] = "https://nurture.test.example",
            ["Nurture:Links:SigningKey"] = "integration-signing-key-0123456789-abcdef",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var services = new ServiceCollection().AddLogging();
        services.AddNurtureHealth(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddHttpClient(TwilioSmsSender.ClientName).AddHttpMessageHandler(() => _recorder);
        return services.BuildServiceProvider();
    }

    /// <summary>Sits between the sender's retry pipeline and Prism: records every request and can answer one itself.</summary>
    private sealed class Recorder : DelegatingHandler
    {
        private readonly Queue<(HttpStatusCode Status, string Body, int? RetryAfter)> _injected = new();

        public List<(string Path, string? Authorization, string? ContentType, Dictionary<string, string> Form, HttpStatusCode Status)> Requests { get; } = [];

        public void Inject(HttpStatusCode status, string body, int? retryAfterSeconds = null) => _injected.Enqueue((status, body, retryAfterSeconds));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = await request.Content!.ReadAsStringAsync(cancellationToken);
            var form = content.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
            HttpResponseMessage response;
            if (_injected.TryDequeue(out var fault))
            {
                response = new HttpResponseMessage(fault.Status) { Content = new StringContent(fault.Body, Encoding.UTF8, "application/json") };
                if (fault.RetryAfter is { } seconds)
                {
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
                }
            }
            else
            {
                response = await base.SendAsync(request, cancellationToken);
            }

            Requests.Add((request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), request.Content.Headers.ContentType?.MediaType, form, response.StatusCode));
            return response;
        }
    }
}
