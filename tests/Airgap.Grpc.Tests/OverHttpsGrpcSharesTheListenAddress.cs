using System.Security.Cryptography.X509Certificates;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Airgap.Server.Tests;
using Airgap.Tests.Shared;
using Grpc.Net.Client;

namespace Airgap.Grpc.Tests;

/// <summary>With TLS, HTTP/2 is agreed by ALPN on the ordinary https:// listen address: gRPC needs no port of its own.</summary>
public sealed class OverHttpsGrpcSharesTheListenAddress
{
    [Fact]
    public async Task A_grpc_client_that_trusts_the_site_ca_streams_a_generation_from_the_https_listen_address()
    {
        using var site = await SiteCertificates.CreateAsync();
        var root = Directory.CreateTempSubdirectory("airgap-grpc-tls-").FullName;
        try
        {
            var home = new AirgapHome(Path.Combine(root, "home"));
            await TinyModel.ImportAsync(root, home, GrpcServer.Model);
            var url = $"https://127.0.0.1:{LoopbackPort.Free()}";
            await using var app = AirgapServer.Build(home, new ServerOptions
            {
                Urls = url,
                Tls = new TlsOptions { CertificateFile = site.ServerCertificate, KeyFile = site.ServerKey },
                Inference = new Inference.Scheduling.InferenceOptions { ContextLength = 512, Threads = 2 },
            }, new HeaderValidator());
            await app.StartAsync();

            using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = Trusting(site.CaFile) });
            using var call = new AirgapClient(channel).Generate(new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Options = new Options { NumPredict = 3 } });
            var messages = await GrpcServer.ReadAllAsync(call);

            Assert.True(messages[^1].Done);
            Assert.Equal(3, messages[^1].EvalCount);
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static SocketsHttpHandler Trusting(string caFile)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return server is X509Certificate2 certificate && chain.Build(certificate);
                },
            },
        };
    }
}
