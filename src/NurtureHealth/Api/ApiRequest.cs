using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NurtureHealth.Api;

/// <summary>
/// Reads an integration API request: checks the caller (API key, or an HMAC signature of the body when
/// allowed) and reads the body up to the size limit. Failures are answered as problem details that say
/// what to fix, never echoing what was sent.
/// </summary>
/// <remarks>
/// The server's own limit stays small for every other endpoint; here it is raised to <see cref="ApiOptions.MaxBodyBytes"/>
/// only once the caller has shown a valid key (or, for a signed booking, a signature to check against the body). A caller
/// with no credentials is refused before a byte of the body is read.
/// </remarks>
public static class ApiRequest
{
    /// <summary>The body, or the response to send instead (401, 413).</summary>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpRequest request, ApiOptions options, bool allowSignature, CancellationToken cancellationToken)
    {
        if (options.Keys.Count == 0 && (!allowSignature || string.IsNullOrEmpty(options.SigningSecret)))
        {
            return (null, Problem(StatusCodes.Status401Unauthorized, "No API key is configured",
                $"Set Nurture:Api:Keys{(allowSignature ? " (or Nurture:Api:SigningSecret)" : "")} to accept calls here."));
        }

        var keyed = HasKey(request, options);
        var signed = allowSignature && !string.IsNullOrEmpty(options.SigningSecret) && request.Headers["X-Nurture-Signature"].ToString().Trim().Length > 0;
        if (!keyed && !signed)
        {
            return (null, Unauthorized(allowSignature));
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            return (null, TooLarge(options));
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxBodyBytes)
            {
                return (null, TooLarge(options));
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        return keyed || SignedBy(request, body, options.SigningSecret) ? (body, null) : (null, Unauthorized(allowSignature));
    }

    private static IResult Unauthorized(bool allowSignature) => Problem(StatusCodes.Status401Unauthorized, "Not authorized",
        allowSignature ? "Send an API key (Authorization: Bearer <key>) or sign the body (X-Nurture-Signature: sha256=<hex>)." : "Send an API key (Authorization: Bearer <key>).");

    /// <summary>The signature header value for a body: <c>sha256=&lt;lowercase hex HMAC-SHA256&gt;</c>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A problem-details response.</summary>
    public static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);

    private static IResult TooLarge(ApiOptions options) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The limit is {options.MaxBodyBytes} bytes (Nurture:Api:MaxBodyBytes); split the upload.");

    private static bool HasKey(HttpRequest request, ApiOptions options)
    {
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : request.Headers["X-Api-Key"].ToString().Trim();
        if (presented.Length == 0)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var key in options.Keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key.Trim()));
        }

        return match;
    }

    private static bool SignedBy(HttpRequest request, byte[] body, string? secret)
    {
        var presented = request.Headers["X-Nurture-Signature"].ToString().Trim();
        if (string.IsNullOrEmpty(secret) || presented.Length == 0)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented.ToLowerInvariant()), Encoding.ASCII.GetBytes(Sign(secret, body)));
    }
}
