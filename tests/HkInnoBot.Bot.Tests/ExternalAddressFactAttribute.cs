using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HkInnoBot.Bot.Tests;

/// <summary>A test that needs this machine's own non-loopback IPv4 address, to stand in for a remote caller.</summary>
public sealed class ExternalAddressFactAttribute : FactAttribute
{
    public ExternalAddressFactAttribute()
    {
        if (Address is null)
            Skip = "Skipped: this machine has no non-loopback IPv4 address to call the bot from.";
    }

    public static IPAddress? Address { get; } = NetworkInterface.GetAllNetworkInterfaces()
        .Where(nic => nic.OperationalStatus == OperationalStatus.Up)
        .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
}
