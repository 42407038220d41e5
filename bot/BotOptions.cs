namespace HkInnoBot.Bot;

/// <summary>
/// The bot's Bot Framework identity. These keys sit at the configuration root because that is where Azure Bot Service
/// app settings put them and where <c>ConfigurationBotFrameworkAuthentication</c> reads them (e.g. env MicrosoftAppId=…).
/// With no app id the bot serves local clients (Emulator, Agents Playground) without authentication.
/// </summary>
public sealed class BotOptions
{
    public string MicrosoftAppType { get; set; } = "MultiTenant";
    public string MicrosoftAppId { get; set; } = "";
    public string MicrosoftAppPassword { get; set; } = "";
    public string MicrosoftAppTenantId { get; set; } = "";

    public bool RequiresAuthentication => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Catches the credential mistakes that would otherwise surface only when the first reply fails to send.</summary>
    public static bool HaveConsistentCredentials(BotOptions options) =>
        !options.RequiresAuthentication || options.MicrosoftAppType switch
        {
            "MultiTenant" => options.MicrosoftAppPassword.Length > 0,
            "SingleTenant" => options.MicrosoftAppPassword.Length > 0 && options.MicrosoftAppTenantId.Length > 0,
            "UserAssignedMSI" => options.MicrosoftAppTenantId.Length > 0,
            _ => false,
        };
}
