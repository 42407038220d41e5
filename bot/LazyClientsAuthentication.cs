using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace HkInnoBot.Bot;

/// <summary>
/// The SDK's authentication, except that the two clients a turn may call out with, the connector client (replies
/// posted to the channel) and the user token client (sign-in), are made when the turn first uses them. CloudAdapter
/// makes both at the start of every turn, and each compiles regular expressions for its user agent: a quarter of the
/// CPU of a turn (perf, under the throughput benchmark), spent on clients that an expectReplies turn never calls.
/// The built-in Direct Line and the Emulator's tests run every turn that way; a Teams turn still makes its connector
/// client, once, when it replies. (The SDK's <c>TeamsInfo</c> helpers, which the bot does not use, would see this
/// wrapper rather than a <c>ConnectorClient</c> and make a Teams client with an HTTP client of its own.)
/// </summary>
public sealed class LazyClientsAuthentication(BotFrameworkAuthentication sdk) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Lazily(await sdk.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Lazily(await sdk.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new LazyConnectorFactory(sdk.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new LazyUserTokenClient(() => sdk.CreateUserTokenClientAsync(claimsIdentity, cancellationToken)));

    public override BotFrameworkClient CreateBotFrameworkClient() => sdk.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => sdk.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        sdk.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private static AuthenticateRequestResult Lazily(AuthenticateRequestResult result)
    {
        result.ConnectorFactory = new LazyConnectorFactory(result.ConnectorFactory);
        return result;
    }

    private sealed class LazyConnectorFactory(ConnectorFactory sdk) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            // As the SDK's client would at once: an activity without a usable service URL is a bad request.
            _ = new Uri(serviceUrl);
            return Task.FromResult<IConnectorClient>(new LazyConnectorClient(() => sdk.CreateAsync(serviceUrl, audience, cancellationToken)));
        }
    }

    /// <summary>The connector client's members are properties, so the client is made synchronously: the SDK's
    /// factories complete at once (they build credentials; tokens are fetched later, by the calls themselves).</summary>
    private sealed class LazyConnectorClient(Func<Task<IConnectorClient>> create) : IConnectorClient
    {
        private readonly Lazy<IConnectorClient> client = new(() => create().GetAwaiter().GetResult());

        public Uri BaseUri { get => client.Value.BaseUri; set => client.Value.BaseUri = value; }
        public JsonSerializerSettings SerializationSettings => client.Value.SerializationSettings;
        public JsonSerializerSettings DeserializationSettings => client.Value.DeserializationSettings;
        public ServiceClientCredentials Credentials => client.Value.Credentials;
        public IAttachments Attachments => client.Value.Attachments;
        public IConversations Conversations => client.Value.Conversations;

        public void Dispose()
        {
            if (client.IsValueCreated)
                client.Value.Dispose();
        }
    }

    private sealed class LazyUserTokenClient(Func<Task<UserTokenClient>> create) : UserTokenClient
    {
        private readonly Lazy<Task<UserTokenClient>> client = new(create);

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            await (await client.Value).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            await (await client.Value).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            await (await client.Value).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            await (await client.Value).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            await (await client.Value).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            await (await client.Value).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing && client.IsValueCreated && client.Value.IsCompletedSuccessfully)
                client.Value.Result.Dispose();
        }
    }
}
