using Airgap.Tests.Shared;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Airgap.Models.Catalog;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Tests;

public sealed class AuditEntriesNameTheCaller : IAsyncDisposable
{
    private const string AdminSecret = "ag_the-plant-administrators-key";
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-actor-").FullName;
    private WebApplication? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_root, recursive: true);
    }

    private AirgapHome Home => new(Path.Combine(_root, "home"));

    private ModelRegistry Registry => new(Home.RegistryPath);

    private async Task<HttpClient> StartWithAModelAsync(IReadOnlyList<ApiKey> keys)
    {
        await TinyModel.ImportAsync(_root, Home);
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        _app = AirgapServer.Build(Home, new ServerOptions { Urls = url, ApiKeys = keys }, new HeaderValidator());
        await _app.StartAsync();
        return new HttpClient { BaseAddress = new Uri(url) };
    }

    private static HttpRequestMessage Copy(string destination, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/copy") { Content = JsonContent.Create(new { source = "tiny:test", destination }) };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    [Fact]
    public async Task A_change_made_with_an_api_key_records_the_keys_id_never_the_key()
    {
        var admin = ApiKey.Parse(AdminSecret + ":admin");
        using var client = await StartWithAModelAsync([admin]);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Copy("tiny:copied", AdminSecret))).StatusCode);

        var trail = Registry.Audit();
        Assert.Equal(Airgap.Models.Catalog.AuditActor.OperatingSystemUser, trail.Single(e => e.Action == "import").Actor);
        var copy = trail.Single(e => e.Action == "copy");
        Assert.Equal(admin.Id, copy.Actor);
        Assert.DoesNotContain(trail, e => (e.Actor + e.Detail).Contains(AdminSecret));
        Assert.True(Registry.CheckAudit().IsIntact);
    }

    [Fact]
    public async Task With_no_keys_required_a_change_records_the_callers_address()
    {
        using var client = await StartWithAModelAsync([]);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Copy("tiny:copied"))).StatusCode);

        Assert.Equal("anonymous@127.0.0.1", Registry.Audit().Single(e => e.Action == "copy").Actor);
    }

    [Fact]
    public async Task The_audit_api_shows_each_entrys_actor()
    {
        var admin = ApiKey.Parse(AdminSecret + ":admin");
        using var client = await StartWithAModelAsync([admin]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Copy("tiny:copied", AdminSecret))).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/airgap/audit") { Headers = { Authorization = new("Bearer", AdminSecret) } };
        using var audit = System.Text.Json.JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync());

        var newest = audit.RootElement.GetProperty("entries")[0];
        Assert.Equal("copy", newest.GetProperty("action").GetString());
        Assert.Equal(admin.Id, newest.GetProperty("actor").GetString());
    }
}
