using System.Net;
using System.Net.Http.Headers;

namespace NurtureHealth.Fhir;

/// <summary>
/// Sends NurtureHealth's own access token (<see cref="SmartTokenSource"/>) on every request to the FHIR server. When the
/// server answers 401 — the token was revoked, or expired early — the token is dropped and the request sent once more
/// with a new one; a second 401 is the server's answer.
/// </summary>
internal sealed class SmartAuthHandler(SmartTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // Buffered, so the body can be sent again on the retry.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var answer = await base.SendAsync(request, cancellationToken);
        if (answer.StatusCode != HttpStatusCode.Unauthorized)
        {
            return answer;
        }

        answer.Dispose();
        tokens.Drop(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
