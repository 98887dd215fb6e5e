using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Airgap.Tests.Shared;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Tests;

/// <summary>HTTPS from the site's PEM files; with a client CA, a client certificate is the caller and carries its scope.</summary>
public sealed class MutualTlsNamesTheCaller : IAsyncLifetime
{
    private SiteCertificates _certificates = null!;
    private WebApplication? _app;
    private string _root = "";
    private string _url = "";

    public async Task InitializeAsync()
    {
        _certificates = await SiteCertificates.CreateAsync("ws-17", "it-admin");
        _root = Directory.CreateTempSubdirectory("airgap-tls-home-").FullName;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _certificates.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task StartAsync(bool clientCertificates)
    {
        _url = $"https://127.0.0.1:{LoopbackPort.Free()}";
        var tls = new TlsOptions
        {
            CertificateFile = _certificates.ServerCertificate, KeyFile = _certificates.ServerKey,
            ClientCaFile = clientCertificates ? _certificates.CaFile : null, AdminClients = ["it-admin"],
        };
        _app = AirgapServer.Build(new AirgapHome(Path.Combine(_root, "home")), new ServerOptions { Urls = _url, Tls = tls }, new HeaderValidator());
        await _app.StartAsync();
    }

    [Fact]
    public async Task Https_with_the_sites_certificate_answers_a_client_that_trusts_the_sites_ca()
    {
        await StartAsync(clientCertificates: false);
        using var client = _certificates.HttpClient(_url);

        var response = await client.GetAsync("/api/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_certificate_the_ca_issued_is_the_caller_with_its_scope()
    {
        await StartAsync(clientCertificates: true);
        using var workstation = _certificates.HttpClient(_url, _certificates.Client("ws-17"));
        using var admin = _certificates.HttpClient(_url, _certificates.Client("it-admin"));

        Assert.Equal(HttpStatusCode.OK, (await workstation.GetAsync("/api/tags")).StatusCode);
        var refused = await workstation.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/delete") { Content = JsonContent.Create(new { model = "absent:1" }) });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("admin scope", await refused.Content.ReadAsStringAsync());
        var allowed = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/delete") { Content = JsonContent.Create(new { model = "absent:1" }) });
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode); // past the scope check: the model is not there
    }

    [Fact]
    public async Task A_job_belongs_to_the_certificate_that_submitted_it()
    {
        await StartAsync(clientCertificates: true);
        using var workstation = _certificates.HttpClient(_url, _certificates.Client("ws-17"));
        using var admin = _certificates.HttpClient(_url, _certificates.Client("it-admin"));
        var submit = new HttpRequestMessage(HttpMethod.Post, "/api/embed") { Content = JsonContent.Create(new { model = "all-minilm", input = "pump" }) };
        submit.Headers.Add("Prefer", "respond-async");

        var accepted = await workstation.SendAsync(submit);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains("\"id\"", await workstation.GetStringAsync("/v1/jobs"));
        Assert.DoesNotContain("\"id\"", await admin.GetStringAsync("/v1/jobs"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(accepted.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_client_without_a_certificate_or_with_one_from_another_ca_cannot_connect()
    {
        await StartAsync(clientCertificates: true);
        using var anonymous = _certificates.HttpClient(_url);
        using var rogue = _certificates.HttpClient(_url, _certificates.Client("rogue-ws-17"));

        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("/api/tags"));
        await Assert.ThrowsAsync<HttpRequestException>(() => rogue.GetAsync("/api/tags"));
    }
}
