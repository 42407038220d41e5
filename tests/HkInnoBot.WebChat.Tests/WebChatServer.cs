using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HkInnoBot.WebChat.Tests;

/// <summary>
/// The bot's own Program, served by Kestrel on a free port on 127.0.0.1 and reached over real HTTP, with the given
/// settings. Its clock is a <see cref="FakeTimeProvider"/> so token expiry and idle time-outs can be reached without
/// waiting; everything else is the real app.
/// </summary>
public sealed class WebChatServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public WebChatServer(string indexPath, Dictionary<string, string?>? settings = null)
    {
        _settings = new(settings ?? []) { ["Search:IndexPath"] = indexPath };
        UseKestrel(port: 0);
        StartServer();
        Client = CreateClient();
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
