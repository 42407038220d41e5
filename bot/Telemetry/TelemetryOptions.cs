using System.Net;

namespace HkInnoBot.Bot.Telemetry;

/// <summary>Where metrics and traces go. Bound from the "Telemetry" section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OpenTelemetry collector to send traces and metrics to; none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How to reach it: "grpc" (port 4317) or "http/protobuf" (port 4318, paths /v1/traces and /v1/metrics).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Networks (CIDR) besides this machine that may read <c>/metrics</c>: where Prometheus scrapes from.</summary>
    public string[] MetricsNetworks { get; set; } = [];

    public static bool AreValid(TelemetryOptions options) =>
        options.MetricsNetworks.All(network => IPNetwork.TryParse(network, out _)) && options.OtlpProtocol is "grpc" or "http/protobuf";

    /// <summary>The exporter's settings: the endpoint, and for HTTP the signal's path under it.</summary>
    public void ApplyTo(OpenTelemetry.Exporter.OtlpExporterOptions exporter, string signal)
    {
        var http = OtlpProtocol == "http/protobuf";
        exporter.Protocol = http ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        exporter.Endpoint = http ? new Uri(OtlpEndpoint!, $"v1/{signal}") : OtlpEndpoint!;
    }

    /// <summary>This machine, and the configured networks: what <c>/metrics</c> answers.</summary>
    public bool MayReadMetrics(IPAddress? caller) =>
        Callers.IsLocal(caller) || caller is not null && MetricsNetworks.Any(network => IPNetwork.Parse(network).Contains(Callers.Normal(caller)));
}
