using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage;

/// <summary>Adds the location managers' workspace (<c>/manage</c>) to a web host: sign-in, pages, security headers.</summary>
public static class ManageSetup
{
    /// <summary>The cookie that carries a signed-in session.</summary>
    public const string SessionCookie = "__Host-nurture-manage";

    /// <summary>Registers the workspace when <c>Nurture:Manage:Authority</c> is set; returns whether it did.</summary>
    public static bool AddNurtureManage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Nurture:Manage");
        var settings = section.Get<ManageOptions>() ?? new ManageOptions();
        if (!settings.Enabled)
        {
            return false;
        }

        services.AddOptions<ManageOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => o.ClientId.Length > 0, "Nurture:Manage:ClientId is required with Nurture:Manage:Authority: the client id the identity provider gave the workspace")
            .Validate(o => o.ClientSecret.Length > 0, "Nurture:Manage:ClientSecret is required with Nurture:Manage:Authority (keep it in a secret file: Nurture__Manage__ClientSecret)")
            .Validate(o => Uri.TryCreate(o.Authority, UriKind.Absolute, out var a) && (a.Scheme == "https" || (!o.RequireHttpsMetadata && a.Scheme == "http")),
                "Nurture:Manage:Authority must be the identity provider's https:// address")
            .ValidateOnStart();
        services.AddSingleton(sp => new ContentFolders(sp.GetRequiredService<IOptions<LocationsOptions>>().Value.Path, sp.GetRequiredService<IOptions<TemplatesOptions>>().Value.Path));
        services.AddSingleton<ContentChanges>();
        services.AddSingleton<LocationAccessFilter>();
        services.AddSingleton<PreviewLimiter>();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AddPageRoute("/Wording", "/manage/group/wording/{sequence}/{file}"); // the group's own templates: marketing
            o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(LocationAccessFilter)));
        }).AddApplicationPart(typeof(ManageSetup).Assembly);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-nurture-antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-Workspace-Token";
        });
        var protection = services.AddDataProtection().SetApplicationName("NurtureHealth.Manage");
        if (settings.KeysPath.Length > 0)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath));
        }

        services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        })
        .AddCookie(o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax; // the identity provider's redirect back is a navigation from its site
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = settings.IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnSigningIn = context =>
            {
                SessionLifetime.Stamp(context.Properties.Items, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = context =>
            {
                if (SessionLifetime.Ended(context.Properties.Items, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), settings.SessionLifetime))
                {
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        })
        .AddOpenIdConnect(o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.ResponseMode = "query";
            o.UsePkce = true;
            o.CallbackPath = "/manage/signin-oidc";
            o.SignedOutCallbackPath = "/manage/signout-callback-oidc";
            o.SaveTokens = true; // the id token, sent back as id_token_hint at sign-out so the provider returns the person to the workspace
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" }.Concat(settings.Scopes))
            {
                o.Scope.Add(scope);
            }

            o.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
            o.ClaimActions.MapJsonKey(settings.LocationsClaim, settings.LocationsClaim);
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.HandleResponse();
                return context.Response.WriteAsync("Sign-in did not complete: " + context.Failure?.Message + "\nOpen /manage to sign in again.");
            };
        });
        services.AddAuthorization();
        return true;
    }

    /// <summary>Adds the workspace's middleware and pages; call after <see cref="AddNurtureManage"/> returned true.</summary>
    public static WebApplication UseNurtureManage(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ManageOptions>>().Value;
        var authority = new Uri(options.Authority).GetLeftPart(UriPartial.Authority);
        // Behind the TLS proxy on this machine (docs/deploy.md), the request arrives on http: X-Forwarded-Proto from a loopback
        // proxy says it was https, so the Secure cookies and the sign-in's return address are right.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto };
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/manage"), branch => branch.UseForwardedHeaders(forwarded).Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                            $"frame-ancestors 'none'; form-action 'self' {authority}; base-uri 'none'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return next(context);
        }));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/manage/assets/{name}", ManageAssets.Serve).AllowAnonymous();
        app.MapPost("/manage/signout", SignOutAsync).RequireAuthorization().DisableAntiforgery(); // checked in the handler
        app.MapRazorPages();
        return app;
    }

    /// <summary>Ends the session here and at the identity provider; only from the workspace's own form (its antiforgery token).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest("Sign out from the workspace's own page.");
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/manage" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
    }
}
