using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// Bearer tokens for the built-in Direct Line, each bound to one conversation and signed with a key that lives only
/// in this process (conversations do not outlive it either). Being self-contained, tokens need no table to bound.
/// </summary>
public sealed class ConversationTokens(IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    public string Issue(string conversationId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes($"{conversationId}|{expires}");
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Sign(payload))}";
    }

    /// <summary>The conversation the token was issued for, or null when it is forged, mangled or expired.</summary>
    public string? ConversationOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out var payload) || !TryDecode(parts[1], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
            return null;

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        if (fields.Length != 2 || !long.TryParse(fields[1], out var expires)
            || clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
            return null;
        return fields[0];
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key, payload);

    private static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
