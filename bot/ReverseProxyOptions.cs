using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HkInnoBot.Bot;

/// <summary>
/// The reverse proxies in front of the bot, bound from the "ReverseProxy" section. Behind a proxy every request comes
/// from the proxy's address, so the per-client limits would put all users in one bucket and the local-only rule would
/// see every caller as local. Listing the proxy makes the bot read the client's address from the proxy's
/// X-Forwarded-For (and the scheme from X-Forwarded-Proto), from those addresses only. Empty by default: no header is
/// believed, since any client can send one.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5" or "127.0.0.1" for a proxy on the same host.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public static bool AreValid(ReverseProxyOptions options) =>
        options.KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _))
        && options.KnownNetworks.All(network => System.Net.IPNetwork.TryParse(network, out _));

    /// <summary>ASP.NET Core's forwarded-headers settings that trust exactly these proxies (not its loopback default).</summary>
    public void ApplyTo(ForwardedHeadersOptions forwarded)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks)
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}
