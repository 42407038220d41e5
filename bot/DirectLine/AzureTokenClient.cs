using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// Production mode: trades the Direct Line secret for a short-lived conversation token at Azure Bot Service
/// (POST {endpoint}/tokens/generate), so the page can talk to Azure's Direct Line without ever seeing the secret.
/// </summary>
public sealed class AzureTokenClient(HttpClient http, IOptions<DirectLineOptions> options)
{
    public async Task<DirectLineToken> GenerateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{settings.AzureEndpoint.AbsoluteUri.TrimEnd('/')}/tokens/generate"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<DirectLineToken>(cancellationToken);
        return token is { Token.Length: > 0 } ? token : throw new HttpRequestException("Direct Line returned no token.");
    }
}
