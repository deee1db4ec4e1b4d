using System.Globalization;
using System.Text.Json;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>
/// A real OpenID Connect provider: the npm package <c>oidc-provider</c> (9.13) behind <c>tests/servers/oidc-server.mjs</c>,
/// with its development sign-in pages (the login name picks the account; any password) and the accounts a test gives it.
/// </summary>
internal sealed class OidcServer : NodeServer
{
    public const string ClientId = "nurture-workspace";
    public const string ClientSecret = "integration-client-secret";

    private readonly string _accounts = Path.Combine(Path.GetTempPath(), "nurture-it", $"oidc-accounts-{Guid.NewGuid():N}.json");

    public int Port { get; } = TestServers.FreePort();

    public string Authority => $"http://127.0.0.1:{Port}";

    /// <summary>The worker's settings that point its workspace at this provider.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Nurture__Manage__Authority"] = Authority,
        ["Nurture__Manage__ClientId"] = ClientId,
        ["Nurture__Manage__ClientSecret"] = ClientSecret,
        ["Nurture__Manage__RequireHttpsMetadata"] = "false",
        ["Nurture__Manage__Scopes__0"] = "nurture",
    };

    /// <summary>Starts the provider for a workspace at <paramref name="workspace"/> (its redirect addresses are registered).</summary>
    public async Task StartAsync(string workspace, IReadOnlyDictionary<string, Account> accounts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_accounts)!);
        await File.WriteAllTextAsync(_accounts, JsonSerializer.Serialize(accounts.ToDictionary(a => a.Key, a => new
        {
            name = a.Value.Name,
            email = a.Value.Email,
            roles = a.Value.Roles,
            locations = a.Value.Locations,
        })));
        await StartScriptAsync("oidc-server.mjs",
            [Port.ToString(CultureInfo.InvariantCulture), _accounts, ClientId, ClientSecret, $"{workspace}/manage/signin-oidc", $"{workspace}/manage/signout-callback-oidc"],
            Port, "OpenID provider");
    }

    internal sealed record Account(string Name, string Email, string[] Roles, string[] Locations);
}
