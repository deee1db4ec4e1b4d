// A real OpenID Connect provider for the workspace tests: the npm package oidc-provider (panva), with its own
// development sign-in pages (any password; the login name picks the account). Started by the test fixture:
//   node oidc-server.mjs <port> <accounts.json> <client_id> <client_secret> <redirect_uri> <post_logout_redirect_uri>
// accounts.json: { "<login>": { "name": "...", "email": "...", "roles": ["location-manager"], "locations": ["tempe-downtown"] } }
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const [port, accountsFile, clientId, clientSecret, redirectUri, postLogoutUri] = process.argv.slice(2);
const accounts = JSON.parse(readFileSync(accountsFile, "utf8"));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutUri],
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  scopes: ["openid", "profile", "email", "nurture"],
  claims: { openid: ["sub"], profile: ["name"], email: ["email"], nurture: ["roles", "locations"] },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...account }; } };
  },
  cookies: { keys: ["nurture-test-oidc-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
});
provider.on("server_error", (ctx, err) => console.error("server_error", err));
provider.listen(Number(port), () => console.log(`oidc-provider listening on ${port}`));
