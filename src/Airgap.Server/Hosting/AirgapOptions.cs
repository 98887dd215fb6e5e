using System.ComponentModel.DataAnnotations;
using Airgap.Analytics;
using Airgap.Gateway;
using Airgap.Inference.Scheduling;
using Airgap.Server.Jobs;
using Microsoft.Extensions.Options;

namespace Airgap.Server.Hosting;

/// <summary>
/// Every setting of `airgap serve`, bound from airgap.json, `AIRGAP_*` environment variables and the command line
/// (see <see cref="AirgapConfiguration"/>); the key of a property is its name, sections joined by `:`.
/// </summary>
public sealed class AirgapOptions : IValidatableObject
{
    /// <summary>Listen addresses, `;`-separated; each an explicit http(s)://IP:PORT.</summary>
    [Required]
    public string Urls { get; set; } = ServerOptions.DefaultUrls;

    /// <summary>Drop folders whose new packs are imported.</summary>
    public List<string> Watch { get; set; } = [];

    /// <summary>How often the drop folders are scanned.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Folders /api/pull looks in for packs by name, besides the drop folders.</summary>
    public List<string> PackSources { get; set; } = [];

    /// <summary>API keys as KEY or KEY:admin; when any is set, every endpoint but /health needs one.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>
    /// Networks (CIDR) that may reach the service besides this machine, when it runs as the systemd unit `airgap service
    /// unit` writes (IPAddressAllow); every other address is denied by the unit.
    /// </summary>
    public List<string> AllowedSubnets { get; set; } = [];
    /// <summary>The console log's format: <c>Simple</c> (one line per entry) or <c>Json</c> (one JSON object per line).</summary>
    public Observability.LogFormat LogFormat { get; set; } = Observability.LogFormat.Simple;

    /// <summary>Limits of inference; every property of <see cref="InferenceOptions"/> is a key of this section.</summary>
    [ValidateObjectMembers]
    public InferenceOptions Inference { get; set; } = new();

    /// <summary>The text assistants; every property of <see cref="AnalyticsOptions"/> is a key of this section.</summary>
    [ValidateObjectMembers]
    public AnalyticsOptions Analytics { get; set; } = new();

    /// <summary>Asynchronous requests (`Prefer: respond-async`); every property of <see cref="JobOptions"/> is a key of this section.</summary>
    [ValidateObjectMembers]
    public JobOptions Jobs { get; set; } = new();

    /// <summary>The edge gateway over NATS JetStream; every property of <see cref="GatewayOptions"/> is a key of this section.</summary>
    [ValidateObjectMembers]
    public GatewayOptions Gateway { get; set; } = new();

    /// <summary>HTTPS and client certificates; every property of <see cref="TlsOptions"/> is a key of this section.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>Cleartext gRPC's HTTP/2-only address; every property of <see cref="GrpcOptions"/> is a key of this section.</summary>
    public GrpcOptions Grpc { get; set; } = new();

    /// <summary>Per-caller limits; every property of <see cref="FairnessOptions"/> is a key of this section.</summary>
    [ValidateObjectMembers]
    public FairnessOptions Fairness { get; set; } = new();

    /// <summary>The checks a range attribute cannot say: listen addresses and API key forms.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var problems = new List<ValidationResult>();
        try
        {
            ListenAddresses.Parse(Urls);
        }
        catch (ArgumentException e)
        {
            problems.Add(new ValidationResult(e.Message, [nameof(Urls)]));
        }
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            try
            {
                ApiKey.Parse(ApiKeys[i]);
            }
            catch (ArgumentException e)
            {
                problems.Add(new ValidationResult(e.Message, [$"{nameof(ApiKeys)}:{i}"]));
            }
        }
        problems.AddRange(TlsProblems());
        if (GrpcProblem() is { } grpc) problems.Add(new ValidationResult(grpc, ["Grpc:Url"]));
        for (var i = 0; i < AllowedSubnets.Count; i++)
        {
            if (SubnetProblem(AllowedSubnets[i]) is { } problem) problems.Add(new ValidationResult(problem, [$"{nameof(AllowedSubnets)}:{i}"]));
        }
        if (Gateway.Enabled)
        {
            try
            {
                NatsAddresses.Parse(Gateway.Nats);
            }
            catch (ArgumentException e)
            {
                problems.Add(new ValidationResult(e.Message, ["Gateway:Nats"]));
            }
        }
        return problems;
    }

    /// <summary>What is wrong with one entry of <see cref="AllowedSubnets"/>, or null when it is a network in CIDR form.</summary>
    public static string? SubnetProblem(string subnet) =>
        System.Net.IPNetwork.TryParse(subnet, out _) ? null : $"'{subnet}' is not a network in CIDR form, e.g. 10.20.0.0/16";

    private IEnumerable<ValidationResult> TlsProblems()
    {
        var https = ListenAddressesOrEmpty().Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (https && !Tls.Enabled)
            yield return new ValidationResult("an https:// listen address needs the server's certificate: --tls-cert FILE (Tls:CertificateFile)", ["Tls:CertificateFile"]);
        if (Tls.Enabled && !https)
            yield return new ValidationResult("a certificate is set but no listen address is https://; e.g. --urls https://127.0.0.1:8443", [nameof(Urls)]);
        if (Tls.ClientCertificates && !Tls.Enabled)
            yield return new ValidationResult("client certificates need HTTPS: set --tls-cert (Tls:CertificateFile) too", ["Tls:ClientCaFile"]);
        foreach (var (file, key) in new[] { (Tls.CertificateFile, "Tls:CertificateFile"), (Tls.KeyFile, "Tls:KeyFile"), (Tls.ClientCaFile, "Tls:ClientCaFile") })
        {
            if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file)) yield return new ValidationResult($"{file} does not exist", [key]);
        }
    }

    // One explicit address on a port of its own: Kestrel cannot serve HTTP/1.1 and cleartext HTTP/2 on one port.
    private string? GrpcProblem()
    {
        if (!Grpc.Enabled) return null;
        const string Example = "http://127.0.0.1:8081";
        IReadOnlyList<string> addresses;
        try
        {
            addresses = ListenAddresses.Parse(Grpc.Url!, Example);
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        if (addresses.Count != 1) return $"is one address, not a list (example: {Example})";
        if (ListenAddresses.IsHttps(addresses[0]) && !Tls.Enabled)
            return "an https:// gRPC address needs the server's certificate: --tls-cert FILE (Tls:CertificateFile); over HTTPS the listen addresses serve gRPC already";
        // The gRPC port serves the whole API too: in the clear beside TLS, it would be a way round TLS (and client certificates).
        if (Tls.Enabled && !ListenAddresses.IsHttps(addresses[0]) && !ListenAddresses.IsLoopback(addresses[0]))
            return "the server uses TLS, so gRPC in the clear may listen on loopback only; over HTTPS the listen addresses serve gRPC already";
        var port = ListenAddresses.Port(addresses[0]);
        if (ListenAddressesOrEmpty().Any(u => ListenAddresses.Port(u) == port))
            return $"port {port} is a listen address (Urls) already; gRPC in the clear needs a port of its own (example: {Example})";
        return null;
    }

    private IReadOnlyList<string> ListenAddressesOrEmpty()
    {
        try
        {
            return ListenAddresses.Parse(Urls);
        }
        catch (ArgumentException)
        {
            return []; // refused on its own above
        }
    }

    /// <summary>The settings as the server runs them: keys parsed, folders made absolute.</summary>
    public ServerOptions ToServerOptions() => new()
    {
        Urls = string.Join(';', ListenAddresses.Parse(Urls)),
        WatchFolders = Watch.Select(Path.GetFullPath).Distinct().ToList(),
        PackSources = PackSources.Select(Path.GetFullPath).Distinct().ToList(),
        WatchInterval = WatchInterval,
        ApiKeys = ApiKeys.Select(ApiKey.Parse).ToList(),
        Inference = Inference,
        Analytics = Analytics,
        Jobs = Jobs,
        Gateway = Gateway,
        Fairness = Fairness,
        Tls = Tls,
        Grpc = Grpc with { Url = Grpc.Enabled ? ListenAddresses.Parse(Grpc.Url!)[0] : null },
        LogFormat = LogFormat,
    };
}
