using System.Net;

namespace HkInnoBot.Bot;

/// <summary>Who is calling, by address (behind a trusted proxy, the client's: Program.cs).</summary>
public static class Callers
{
    public static bool IsLocal(IPAddress? caller) => caller is not null && IPAddress.IsLoopback(Normal(caller));

    /// <summary>An IPv4 client as IPv4 even when it arrives on an IPv6 socket.</summary>
    public static IPAddress Normal(IPAddress caller) => caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller;
}
