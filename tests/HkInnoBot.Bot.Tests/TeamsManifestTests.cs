using System.Buffers.Binary;
using System.Reflection;
using System.Text.Json;
using NJsonSchema;

namespace HkInnoBot.Bot.Tests;

/// <summary>The Teams app package in bot/teamsAppManifest: what Teams checks when the package is uploaded.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "teamsAppManifest");
    private static readonly JsonElement Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement;

    [Fact]
    public void The_bot_is_the_app_and_serves_personal_chat_group_chats_and_channels()
    {
        Assert.Equal("1.17", Manifest.GetProperty("manifestVersion").GetString());
        var bot = Assert.Single(Manifest.GetProperty("bots").EnumerateArray());
        Assert.Equal(Manifest.GetProperty("id").GetString(), bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], bot.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.All(new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" },
            url => Assert.StartsWith("https://", Manifest.GetProperty("developer").GetProperty(url).GetString()));
        Assert.InRange(Manifest.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(Manifest.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
    }

    [Fact]
    public async Task The_manifest_is_valid_against_Microsofts_schema_once_its_placeholders_are_filled()
    {
        var schemaPath = typeof(TeamsManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "TeamsManifestSchema").Value!;
        var schema = await JsonSchema.FromFileAsync(schemaPath);
        var manifest = File.ReadAllText(Path.Combine(Folder, "manifest.json"))
            .Replace("<<YOUR-MICROSOFT-APP-ID>>", "00000000-0000-4000-8000-000000000000")
            .Replace("<<YOUR-BOT-DOMAIN>>", "hkinnobot.example.com");

        Assert.Empty(schema.Validate(manifest).Select(error => error.ToString()));
        Assert.NotEmpty(schema.Validate(manifest.Replace("\"personal\"", "\"everywhere\"")));
    }

    [Theory]
    [InlineData("color", 192)]
    [InlineData("outline", 32)]
    public void Icons_are_PNGs_of_the_sizes_Teams_requires(string icon, int size)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, Manifest.GetProperty("icons").GetProperty(icon).GetString()!));
        Assert.Equal("\x89PNG\r\n\x1a\n", string.Concat(bytes[..8].Select(b => (char)b)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal(6, bytes[25]); // RGBA: the outline icon must be white on transparent
    }
}
